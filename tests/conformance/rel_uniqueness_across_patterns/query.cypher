MATCH (a)-[r1:ACCUSED]->(b), (c)-[r2:ACCUSED]->(d) RETURN count(*) AS c
