MATCH (a:P {name: 'a'}), (b:P {name: 'b'}) CREATE (a)-[r:KNOWS {since: 1931}]->(b) RETURN startNode(r).name AS s, endNode(r).name AS e, r.since AS y
