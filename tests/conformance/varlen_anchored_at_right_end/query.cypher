MATCH p = (a)-[:ACCUSED*]->(c {name: 'Cid'}) RETURN [n IN nodes(p) | n.name] AS names
