MATCH (a {name: 'Ann'})-[r:ACCUSED]->(b) WITH a.name AS y, b.name AS x RETURN *
