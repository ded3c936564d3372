MATCH (a {name: 'Ann'})-[:ACCUSED*2]->(b) RETURN b.name
