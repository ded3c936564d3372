MATCH (n {name: 'Cid'}) REMOVE n:Student WITH count(*) AS c MATCH (s:Student) RETURN count(s) AS n
