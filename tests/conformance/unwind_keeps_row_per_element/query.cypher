MATCH (n {name: 'Ann'}) UNWIND [1, 2] AS i RETURN n.name, i
