MATCH (n:Person) WITH n WHERE n.age > 26 RETURN n.name
