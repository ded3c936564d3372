RETURN [1, 2] = [1, 2] AS a, [1] = [1, 2] AS b, [[1]] = [[1]] AS c
