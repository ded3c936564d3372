OPTIONAL MATCH (n:Nobody) RETURN n.name AS a, n.name IS NULL AS b
