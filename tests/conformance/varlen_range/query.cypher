MATCH (a {name: 'Ann'})-[:ACCUSED|DENOUNCED*1..3]->(b) RETURN b.name
