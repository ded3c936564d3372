MATCH (a {name: 'Ann'})-[:ACCUSED*]->(b) RETURN b.name
