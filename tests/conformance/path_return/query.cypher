MATCH p = (a {name: 'Ann'})-[:ACCUSED]->(b) RETURN p
