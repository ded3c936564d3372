MATCH (a:Person) OPTIONAL MATCH (a)-[:ACCUSED]->(b)-[:MEMBER_OF]->(o) RETURN a.name, b.name, o.name
