MATCH (n {name: 'Ann'}) RETURN n.name, n.age + 1, toUpper(n.name), n
