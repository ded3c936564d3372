MATCH (n:Person) RETURN min(n.age) AS lo, max(n.age) AS hi
