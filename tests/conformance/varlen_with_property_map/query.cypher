MATCH (a {name: 'Ann'})-[:ACCUSED*1..2 {year: 1931}]->(b) RETURN b.name
