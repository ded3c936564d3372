// Everyone reachable from a person by a chain of 1 to 10 accusations
// (the person accused X, X accused Y, ...), with the shortest distance
// (1 = accused by the person directly) and one shortest chain of names.
//
// Parameters: $person, the id of the first accuser, e.g.
//   prosopo query -f queries/reachable-by-accusation.cypher --param person=fedchenko
// To follow longer chains, raise the 10 in `*1..10` (Cypher does not allow a
// parameter there). Follows accusations forwards only; use `-[:ACCUSED*1..10]-`
// to ignore their direction.
// Standard Cypher: runs unchanged on Neo4j (binding both ends before
// shortestPath keeps the start and end nodes distinct, as Neo4j requires).
MATCH (s:Person {id: $person}), (x:Person)
WHERE x <> s
MATCH p = shortestPath((s)-[:ACCUSED*1..10]->(x))
RETURN x.id AS id,
       x.name AS name,
       length(p) AS distance,
       [n IN nodes(p) | n.name] AS chain
ORDER BY distance, name
