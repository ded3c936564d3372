MATCH (n:Person) RETURN n.name
