MATCH (p:Person) RETURN p.city AS c, collect(p.name) AS ns
