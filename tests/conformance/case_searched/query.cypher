MATCH (n:Person) RETURN n.name, CASE WHEN n.age > 30 THEN 'old' WHEN n.age > 26 THEN 'mid' ELSE 'young' END AS g
