MATCH (n {name: 'Bob'}) RETURN properties(n) AS p
