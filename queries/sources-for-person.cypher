// Every source cited for a person, and what each citation supports: the
// person's own record (name, variants) or one of their relationships
// (memberships, parts in events, accusations made and received), with the
// cited source's title. One row per citation per assertion.
//
// Parameters: $person, the person's id, e.g.
//   prosopo query -f queries/sources-for-person.cypher --param person=izak
// Standard Cypher: runs unchanged on Neo4j, given the `sources` lists of
// citations "SOURCE-ID:LOCATOR" as properties and Source nodes keyed by `id`.
MATCH (p:Person {id: $person})
OPTIONAL MATCH (p)-[r]-(x)
WITH p, collect({
       supports: type(r) + CASE WHEN startNode(r) = p THEN ' → ' ELSE ' ← ' END
                 + coalesce(x.name, x.title, x.id),
       role: r.role,
       citations: r.sources
     }) AS rels
UNWIND [{supports: 'Person ' + p.name, role: null, citations: p.sources}] + rels AS claim
UNWIND claim.citations AS citation
OPTIONAL MATCH (s:Source {id: split(citation, ':')[0]})
RETURN citation,
       s.title AS source,
       claim.supports AS supports,
       claim.role AS role
ORDER BY citation, supports, role
