MATCH (n:Person) WITH collect(n.age) AS ages UNWIND ages AS a RETURN sum(a) AS s
