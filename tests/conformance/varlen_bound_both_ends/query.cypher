MATCH (a {name: 'Ann'}), (c {name: 'Cid'}) MATCH (a)-[:ACCUSED*]->(c) RETURN count(*) AS n
