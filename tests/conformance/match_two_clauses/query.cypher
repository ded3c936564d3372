MATCH (a {name: 'Ann'}) MATCH (b {name: 'Bob'}) RETURN a.age + b.age AS s
