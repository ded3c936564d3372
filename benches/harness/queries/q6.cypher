MATCH (a:Person)-[:ACCUSED]->(b:Person)
RETURN b.id AS id, count(DISTINCT a) AS n ORDER BY n DESC, id LIMIT 10
