MATCH (n {name: 'Bob'}) RETURN n.city
