MATCH p = shortestPath((a {name: 'Ann'})-[*]-(c {name: 'Cid'})) RETURN length(p) AS l
