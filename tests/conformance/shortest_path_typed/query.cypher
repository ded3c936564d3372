MATCH p = shortestPath((a {name: 'Cid'})-[:ACCUSED*]-(b {name: 'Ann'})) RETURN length(p) AS l
