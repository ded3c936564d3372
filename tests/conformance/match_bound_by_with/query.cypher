MATCH (a {name: 'Ann'}) WITH a MATCH (a)-[:ACCUSED]->(b) RETURN b.name
