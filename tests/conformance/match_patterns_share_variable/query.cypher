MATCH (a)-[:ACCUSED]->(b), (b)-[:MEMBER_OF]->(o) RETURN a.name, b.name, o.name
