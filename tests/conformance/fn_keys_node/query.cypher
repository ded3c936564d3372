MATCH (n {name: 'Party'}) RETURN keys(n) AS k
