MATCH p = shortestPath((a {name: 'Party'})-[*]->(b {name: 'Ann'})) RETURN p
