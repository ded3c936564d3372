CREATE (a:N {name: 'a'}), (b:N {name: 'b'}), (c:N {name: 'c'}), (d:N {name: 'd'}),
       (a)-[:R]->(b), (a)-[:R]->(c), (b)-[:R]->(d), (c)-[:R]->(d),
       (a)-[:R]->(:N {name: 'x'})-[:R]->(:N {name: 'y'})-[:R]->(d);
