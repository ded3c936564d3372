RETURN -7 / 2 AS a, -7 % 2 AS b, 7 / -2 AS c
