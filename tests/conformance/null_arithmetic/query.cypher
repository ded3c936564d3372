RETURN 1 + null AS a, null * 2 AS b, -null AS c
