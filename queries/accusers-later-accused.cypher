// "The revolution devours its children": people who took part as accusers in
// one accusation and were accused themselves in a later one. "Later" compares
// the earliest possible days of the two events' dates (DESIGN §2), so an
// undated event never counts. Roles come from PARTICIPATED_IN, not from
// ACCUSED: the later accusation may have no named accuser, and then it has no
// ACCUSED relationship at all. One row per (earlier, later) pair of events.
//
// Parameters: none.
// prosopo-specific: `earliest()` is a prosopo date function. On Neo4j, where
// dates are EDTF strings, replace `earliest(x.date)` by `x.date` (string
// order: right for dates that start with a four-digit year).
MATCH (p:Person)-[:PARTICIPATED_IN {role: 'accuser'}]->(first:Event)
MATCH (p)-[:PARTICIPATED_IN {role: 'accused'}]->(later:Event)
WHERE later <> first
  AND earliest(first.date) < earliest(later.date)
RETURN p.id AS id,
       p.name AS name,
       first.id AS accuser_in,
       first.date AS accuser_date,
       first.date_text AS accuser_date_text,
       later.id AS accused_in,
       later.date AS accused_date,
       later.date_text AS accused_date_text
ORDER BY name, accuser_date, accused_date
