MATCH (n:Person) RETURN n.name, n.age / 10 AS decade
