MATCH (n {name: 'Bob'}) SET n:Student:Victim RETURN labels(n) AS l
