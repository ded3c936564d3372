UNWIND [1, null, 2] AS x RETURN avg(x) AS a
