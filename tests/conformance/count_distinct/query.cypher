UNWIND [1, 1, 2, null] AS x RETURN count(DISTINCT x) AS c, count(x) AS d, count(*) AS e
