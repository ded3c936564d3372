UNWIND [1, 2, 1] AS x RETURN collect(DISTINCT x) AS xs
