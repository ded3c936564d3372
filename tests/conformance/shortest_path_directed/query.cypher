MATCH p = shortestPath((a {name: 'Ann'})-[*]->(c {name: 'Cid'})) RETURN [n IN nodes(p) | n.name] AS names
