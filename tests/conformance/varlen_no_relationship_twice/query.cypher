MATCH p = (a {name: 'Ann'})-[*]->(b) RETURN length(p) AS l, b.name ORDER BY l, b.name
