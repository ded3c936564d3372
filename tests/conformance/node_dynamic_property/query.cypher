MATCH (n {name: 'Ann'}) RETURN n['age'] AS a
