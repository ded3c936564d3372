SELECT e.id
FROM nodes i
JOIN rels r ON r.end = i.nid AND r.type = 'AT'
JOIN nodes e ON e.nid = r.start
WHERE i.id = :inst AND i.label = 'Institution' AND e.label = 'Event'
  AND e.earliest BETWEEN '1936-01-01' AND '1938-12-31'
ORDER BY e.earliest, e.latest, e.date, e.id
