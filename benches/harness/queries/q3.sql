WITH RECURSIVE reach(nid, depth) AS (
  SELECT nid, 0 FROM nodes WHERE id = :a AND label = 'Person'
  UNION
  SELECT r.end, reach.depth + 1
  FROM reach JOIN rels r ON r.start = reach.nid AND r.type = 'ACCUSED'
  WHERE reach.depth < 3
)
SELECT DISTINCT n.id FROM reach JOIN nodes n ON n.nid = reach.nid
WHERE reach.depth >= 1 AND n.label = 'Person'
ORDER BY n.id
