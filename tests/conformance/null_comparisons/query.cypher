RETURN null < 1 AS a, 'a' < 1 AS b, null >= null AS c
