MATCH (n) RETURN labels(n) AS l, count(*) AS c
