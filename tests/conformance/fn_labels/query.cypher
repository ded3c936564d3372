MATCH (n {name: 'Cid'}) RETURN labels(n) AS l
