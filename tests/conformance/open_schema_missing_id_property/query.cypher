MATCH (n {name: 'Ann'}) RETURN n.id
