MATCH (a:Person)-[r:ACCUSED]->(b:Person) WHERE r.date < '1932' RETURN a.id, b.id
