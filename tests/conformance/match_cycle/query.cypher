MATCH (a)-[:ACCUSED]->(b)-[:ACCUSED]->(c)-[:DENOUNCED]->(a) RETURN a.name
