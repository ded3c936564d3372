MATCH (:Person)-[:MEMBER_OF]->(o:Org) RETURN DISTINCT o.name
