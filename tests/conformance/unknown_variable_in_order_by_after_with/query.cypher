MATCH (n) WITH n.name AS k RETURN k ORDER BY n.age
