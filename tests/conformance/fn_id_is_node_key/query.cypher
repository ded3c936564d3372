MATCH (n {name: 'Bob'}) RETURN id(n) AS i
