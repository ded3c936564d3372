MATCH (n {name: 'Cid'}) REMOVE n:Student RETURN labels(n) AS l
