MATCH (a:Person)-[r:ACCUSED]->(x:Person {id: $x}) RETURN a.id, r.event ORDER BY r.date, a.id, r.event
