MATCH (a)-[r]->(b) WHERE r.year >= 1932 RETURN a.name, b.name
