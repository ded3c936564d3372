MATCH (a {name: 'Ann'})-[:ACCUSED*0..1]->(b) RETURN b.name
