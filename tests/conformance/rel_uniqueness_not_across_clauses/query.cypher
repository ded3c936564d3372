MATCH (a)-[r1:ACCUSED]->(b) MATCH (c)-[r2:ACCUSED]->(d) RETURN count(*) AS c
