MATCH (n:Person) RETURN avg(n.age) AS a
