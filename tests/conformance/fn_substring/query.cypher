RETURN substring('hello', 1, 3) AS a, substring('hello', 2) AS b, substring('hello', 10) AS c
