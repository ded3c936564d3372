MATCH (n {name: 'Ann'}) RETURN n.name AS who, n.age + 1 AS next
