RETURN [x IN range(1, 5) WHERE x % 2 = 1 | x * x] AS l
