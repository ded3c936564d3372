// The timeline of the Leningrad Communist University (`lcu`), 1931–1933:
// the events held there whose dates overlap 1931–1933 (a possible overlap
// counts: "late 1931" and "1932/1933" both do), in date order, with the
// people who took part and their roles. Undated events are left out.
//
// Parameters: none (edit 'lcu' and '1931/1933' for another place or period).
// prosopo-specific: `overlaps()` and `date()` (an EDTF value) are prosopo
// date functions. On Neo4j, where dates are EDTF strings, an approximation is
// `WHERE e.date >= '1931' AND e.date < '1934'`.
MATCH (e:Event)-[:AT]->(:Institution {id: 'lcu'})
WHERE overlaps(e.date, date('1931/1933'))
OPTIONAL MATCH (p:Person)-[r:PARTICIPATED_IN]->(e)
WITH e, p, r
ORDER BY p.name, r.role
WITH e, collect(p.name + ' (' + r.role + ')') AS participants
RETURN e.date AS date,
       e.date_text AS date_text,
       e.kind AS kind,
       e.title AS event,
       participants,
       e.id AS event_id,
       e.sources AS sources
ORDER BY date, event_id
