MATCH (a)-[:ACCUSED]->(b)-[:ACCUSED]->(c) RETURN a.name, b.name, c.name
