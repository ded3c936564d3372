MATCH (p:Person)-[:MEMBER_OF]->(o) RETURN o.name, count(p) AS members
