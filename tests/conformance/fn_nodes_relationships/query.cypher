MATCH p = (a {name: 'Bob'})-[:ACCUSED]->(b) RETURN size(nodes(p)) AS n, [r IN relationships(p) | id(r)] AS rs
