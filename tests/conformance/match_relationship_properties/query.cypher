MATCH (a)-[r {year: 1932}]->(b) RETURN a.name, b.name
