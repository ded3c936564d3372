MATCH p = shortestPath((a {name: 'a'})-[*]->(d {name: 'd'})) RETURN length(p) AS l
