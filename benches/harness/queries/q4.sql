SELECT count(DISTINCT r1.start)
FROM rels r1 JOIN rels r2 ON r2.end = r1.start AND r2.type = 'ACCUSED'
WHERE r1.type = 'ACCUSED' AND r2.earliest > r1.earliest
