RETURN 1 = '1' AS a, 'a' <> 1 AS b
