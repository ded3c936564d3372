MATCH (a)-[:ACCUSED]->(b) RETURN a.name, b.name
