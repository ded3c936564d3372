MATCH (a {name: 'Ann'})-[r:ACCUSED*2]->(b) RETURN size(r) AS n, [x IN r | x.year] AS years
