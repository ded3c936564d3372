MATCH (a {name: 'Ann'}), (c {name: 'Cid'}) MATCH p = shortestPath((a)-[*]-(c)) RETURN length(p) AS l
