RETURN 1 = 1.0 AS a, 1 <> 1.0 AS b, 2 > 1.5 AS c
