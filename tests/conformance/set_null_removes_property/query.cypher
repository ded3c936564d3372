MATCH (n {name: 'Ann'}) SET n.city = null RETURN n.city, size(keys(n)) AS k
