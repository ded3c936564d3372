MATCH (n {name: 'Ann'}) SET n.age = 31 RETURN n.age
