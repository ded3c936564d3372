MATCH (n:Person) RETURN n.name AS name, n.age AS age ORDER BY age DESC
