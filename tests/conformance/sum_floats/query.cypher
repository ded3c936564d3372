UNWIND [1, 2.5] AS x RETURN sum(x) AS s
