RETURN range(0, 10, 3) AS a, range(5, 1, -2) AS b, range(1, 0) AS c, range(1, 3) AS d
