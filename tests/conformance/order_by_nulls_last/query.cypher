MATCH (n:Person) RETURN n.city AS c ORDER BY c
