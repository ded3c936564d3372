MATCH (n:Person) OPTIONAL MATCH (n)-[:MEMBER_OF]->(o) RETURN n.name, o.name
