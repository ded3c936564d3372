MATCH (n) RETURN count(*) AS c
