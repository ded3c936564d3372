WITH 1 AS b, 2 AS a RETURN *, a + b AS c
