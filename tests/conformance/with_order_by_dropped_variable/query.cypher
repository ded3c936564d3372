MATCH (n:Person) WITH n.name AS name ORDER BY n.age RETURN name
