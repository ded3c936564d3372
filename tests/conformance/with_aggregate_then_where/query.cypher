MATCH (a)-[:ACCUSED|DENOUNCED|MEMBER_OF]->(b) WITH b, count(*) AS c WHERE c > 1 RETURN b.name, c
