MATCH ()-[r]->(b) RETURN b.name AS b, count(*) AS c ORDER BY c DESC, b
