MATCH (a:Person {name: 'Ann'})-[r]-(b) RETURN type(r), b.name
