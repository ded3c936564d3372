MATCH (a:P {name: 'a'}), (b:P {name: 'b'}) MERGE (a)-[r:KNOWS]->(b) RETURN type(r)
