MATCH p = allShortestPaths((a {name: 'a'})-[*]->(d {name: 'd'})) RETURN [n IN nodes(p) | n.name] AS names
