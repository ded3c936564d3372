CREATE (:P {name: 'a'}), (:P {name: 'b'});
MATCH (a:P {name: 'a'}), (b:P {name: 'b'}) CREATE (a)-[:KNOWS]->(b);
