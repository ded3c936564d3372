// What happened to a person: the events they took part in, in date order
// (undated events last), with their role, the date as the source words it,
// where it happened, and the sources of the event and of the person's part
// in it.
//
// Parameters: $person, the person's id, e.g.
//   prosopo query -f queries/what-happened-to.cypher --param person=fedchenko
// Standard Cypher: runs unchanged on Neo4j.
MATCH (p:Person {id: $person})-[r:PARTICIPATED_IN]->(e:Event)
OPTIONAL MATCH (e)-[:AT]->(place)
RETURN e.date AS date,
       e.date_text AS date_text,
       e.kind AS kind,
       e.title AS event,
       r.role AS role,
       place.name AS at,
       e.id AS event_id,
       e.sources AS event_sources,
       r.sources AS role_sources
ORDER BY date, event_id, role
