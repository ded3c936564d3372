MATCH (n {name: 'Ann'}) REMOVE n.city RETURN n.city, n.name
