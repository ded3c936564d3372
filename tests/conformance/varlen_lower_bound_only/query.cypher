MATCH (a {name: 'Ann'})-[:ACCUSED|DENOUNCED*2..]->(b) RETURN b.name
