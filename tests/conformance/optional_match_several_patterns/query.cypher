MATCH (a {name: 'Cid'}) OPTIONAL MATCH (a)-[:ACCUSED]->(b), (b)-[:MEMBER_OF]->(o) RETURN b, o
