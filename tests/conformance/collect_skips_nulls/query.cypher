UNWIND [1, null, 2] AS x RETURN collect(x) AS xs
