MATCH (a:Person {id: 'izak'}), (b:Person {id: 'stalin'}) CREATE (a)-[:ACCUSED]->(b)
