MATCH p = allShortestPaths((a {name: 'Bob'})-[:ACCUSED|DENOUNCED*]-(c {name: 'Cid'})) RETURN [n IN nodes(p) | n.name] AS names
