RETURN 2 + 3 * 4 AS a, (2 + 3) * 4 AS b, 2 ^ 3 ^ 2 AS c, 10 - 4 - 3 AS d, 12 / 3 / 2 AS e
