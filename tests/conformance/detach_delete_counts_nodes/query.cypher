MATCH (n {name: 'Ann'}) DETACH DELETE n WITH count(*) AS c MATCH (m) RETURN count(m) AS nodes
