MATCH (n {name: 'Ann'}) WITH n.name AS name RETURN n
