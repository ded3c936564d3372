MATCH (:Person {id: 'fedchenko'})-[:ACCUSED*1..4]->(x) RETURN DISTINCT x.id
