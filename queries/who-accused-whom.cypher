// Who accused whom: every accuser → accused pair, with the date (the EDTF
// value and the source's own wording), the charge and the accusation event
// the pair comes from, earliest accusations first.
//
// Parameters: none.
// Standard Cypher: runs unchanged on Neo4j (where `date` is the EDTF string,
// so the order there is the string order of the EDTF values).
// An accusation whose accusers the source does not name has no ACCUSED
// relationships: see accusers-later-accused.cypher for those.
MATCH (a:Person)-[r:ACCUSED]->(b:Person)
RETURN a.name AS accuser,
       b.name AS accused,
       r.date AS date,
       r.date_text AS date_text,
       r.charge AS charge,
       r.event AS event
ORDER BY date, accuser, accused
