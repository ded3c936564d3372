MATCH (n:Person) WITH n ORDER BY n.age RETURN [x IN collect(n) | x.name] AS names
