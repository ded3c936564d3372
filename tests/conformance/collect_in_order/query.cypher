MATCH (n:Person) WITH n ORDER BY n.name RETURN collect(n.name) AS names
