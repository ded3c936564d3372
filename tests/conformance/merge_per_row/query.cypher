UNWIND ['a', 'b', 'a'] AS x MERGE (n:T {name: x}) RETURN count(*) AS rows, count(DISTINCT n) AS nodes
