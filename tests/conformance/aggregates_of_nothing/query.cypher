MATCH (n:Nobody) RETURN count(*) AS c, sum(n.age) AS s, avg(n.age) AS a, collect(n) AS l, min(n.age) AS m
