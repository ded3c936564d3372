MATCH (n:Person) RETURN n.age > 26 AS old, count(*) AS c
