MATCH (n:Person) RETURN sum(n.age) AS s
