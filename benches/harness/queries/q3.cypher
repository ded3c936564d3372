MATCH (a:Person {id: $a})-[:ACCUSED*1..3]->(b:Person) RETURN DISTINCT b.id ORDER BY b.id
