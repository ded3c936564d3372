MATCH (a {name: 'Bob'})-[:ACCUSED*]-(b) RETURN b.name
