MATCH (n:Person) RETURN n.name, coalesce(n.city, 'unknown') AS c
