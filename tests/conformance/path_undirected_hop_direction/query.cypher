MATCH p = (a {name: 'Ann'})-[:DENOUNCED]-(c) RETURN [r IN relationships(p) | startNode(r).name] AS starts, [n IN nodes(p) | n.name] AS names
