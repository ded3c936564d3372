MATCH (p:Person) WITH p.city AS c, count(*) AS n RETURN c, n ORDER BY c
