MATCH (n:Person) OPTIONAL MATCH (n)-[:ACCUSED]->(m) RETURN n.name, count(m) AS c
