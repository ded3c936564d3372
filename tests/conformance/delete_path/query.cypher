MATCH p = (:P {name: 'a'})-[:KNOWS]->(:P {name: 'b'}) DELETE p WITH count(*) AS c MATCH (n) RETURN count(n) AS n
