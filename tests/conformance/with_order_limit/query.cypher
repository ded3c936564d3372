MATCH (n:Person) WITH n ORDER BY n.age DESC LIMIT 2 RETURN n.name
