RETURN [1, 2] + [3] AS a, [1] + 2 AS b, 0 + [1] AS c
