MATCH (n:Person) OPTIONAL MATCH (n)-[r:ACCUSED]->(m) WHERE r.year > 1931 RETURN n.name, m.name
