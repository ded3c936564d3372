MATCH (n {name: 'Ann'}) UNWIND keys(n) AS k RETURN k
