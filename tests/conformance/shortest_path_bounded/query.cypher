MATCH p = shortestPath((a {name: 'Ann'})-[:ACCUSED*..1]->(c {name: 'Cid'})) RETURN p
