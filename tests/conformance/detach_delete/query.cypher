MATCH (n {name: 'Ann'}) DETACH DELETE n WITH count(*) AS c MATCH ()-[r]->() RETURN count(r) AS rels
