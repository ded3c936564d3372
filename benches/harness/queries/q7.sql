WITH RECURSIVE bfs(nid, depth) AS (
  SELECT nid, 0 FROM nodes WHERE id = :a AND label = 'Person'
  UNION
  SELECT r.end, bfs.depth + 1 FROM bfs JOIN rels r ON r.start = bfs.nid AND r.type = 'ACCUSED'
  WHERE bfs.depth < 6
  UNION
  SELECT r.start, bfs.depth + 1 FROM bfs JOIN rels r ON r.end = bfs.nid AND r.type = 'ACCUSED'
  WHERE bfs.depth < 6
)
SELECT min(bfs.depth) FROM bfs JOIN nodes b ON b.nid = bfs.nid
WHERE b.id = :b
HAVING min(bfs.depth) IS NOT NULL
