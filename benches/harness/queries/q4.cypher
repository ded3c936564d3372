MATCH (p:Person)-[r1:ACCUSED]->()
MATCH ()-[r2:ACCUSED]->(p)
WHERE earliest(r2.date) > earliest(r1.date)
RETURN count(DISTINCT p) AS n
