MATCH p = (a {name: 'a'})-[*]->(d {name: 'd'}) RETURN length(p) AS l ORDER BY l
