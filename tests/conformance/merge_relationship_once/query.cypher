MATCH (a:P {name: 'a'}), (b:P {name: 'b'}) MERGE (a)-[:KNOWS]->(b) MERGE (a)-[:KNOWS]->(b) WITH count(*) AS ignored MATCH ()-[r:KNOWS]->() RETURN count(r) AS c
