// Who held which role when: every membership (MEMBER_OF, with its role and
// its own date) and every part in an event (PARTICIPATED_IN, with its role
// and the event's date), earliest first; undated ones last. A membership
// whose role the source does not state has role null.
//
// Parameters: none.
// Standard Cypher: runs unchanged on Neo4j (where dates are EDTF strings, so
// the order there is the string order of the EDTF values).
MATCH (p:Person)-[r:MEMBER_OF|PARTICIPATED_IN]->(x)
RETURN p.name AS person,
       type(r) AS relation,
       r.role AS role,
       coalesce(x.name, x.title) AS of,
       coalesce(r.date, x.date) AS date,
       coalesce(r.date_text, x.date_text) AS date_text,
       coalesce(r.certainty, 'certain') AS certainty
ORDER BY date, person, relation, of
