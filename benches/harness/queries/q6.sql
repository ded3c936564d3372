SELECT b.id, count(DISTINCT r.start) AS n
FROM rels r JOIN nodes b ON b.nid = r.end
WHERE r.type = 'ACCUSED'
GROUP BY r.end
ORDER BY n DESC, b.id
LIMIT 10
