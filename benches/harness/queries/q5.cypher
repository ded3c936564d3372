MATCH (e:Event)-[:AT]->(i:Institution {id: $inst})
WHERE earliest(e.date) >= date('1936-01-01') AND earliest(e.date) <= date('1938-12-31')
RETURN e.id ORDER BY e.date, e.id
