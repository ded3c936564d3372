MATCH (a)-[:MEMBER_OF]->(o) RETURN count(DISTINCT o) AS c
