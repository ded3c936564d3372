MATCH (n:P {name: 'a'}) CREATE (n)-[:KNOWS]->(m:P {name: 'c'}) WITH count(*) AS c MATCH (x)-[:KNOWS]->(y) RETURN x.name, y.name
