MATCH (n:Person) WHERE NOT n.age > 26 RETURN n.name
