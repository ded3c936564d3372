MATCH (a)-[:MEMBER_OF]->(o)<-[:MEMBER_OF]-(b) RETURN a.name, b.name
