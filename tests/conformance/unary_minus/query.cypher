WITH 3 AS x RETURN -x AS a, - (x + 1) AS b, +x AS c
