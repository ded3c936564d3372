SELECT a.id, e.id
FROM nodes x
JOIN rels r ON r.end = x.nid AND r.type = 'ACCUSED'
JOIN nodes a ON a.nid = r.start
JOIN nodes e ON e.nid = r.event
WHERE x.id = :x AND a.label = 'Person'
ORDER BY r.earliest, r.latest, r.date, a.id, e.id
