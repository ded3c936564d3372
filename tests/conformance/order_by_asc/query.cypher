MATCH (n:Person) RETURN n.name ORDER BY n.age
