MATCH (a)-[r]->(b) WITH a, count(r) AS out RETURN max(out) AS m
