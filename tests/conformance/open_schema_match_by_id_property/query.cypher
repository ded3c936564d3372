MATCH (n {id: 'x'}) RETURN id(n) AS k, n.name AS nm
