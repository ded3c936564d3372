MATCH p = shortestPath((a:Person {id: $a})-[:ACCUSED*..6]-(b:Person {id: $b}))
RETURN length(p) AS hops
