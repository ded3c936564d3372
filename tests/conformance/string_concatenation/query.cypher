RETURN 'a' + 'b' AS s, 'n' + 1 AS t, 1.5 + 'x' AS u
