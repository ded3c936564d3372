RETURN [1, null] = [1, null] AS a, [1, 2] = [1, null] AS b, [1, 2] = [2, null] AS c
