MATCH (n) RETURN min(n.name) AS lo, max(n.name) AS hi
