RETURN 0.1 + 0.2 AS x, 1.5 * 2 AS y, 3 - 0.5 AS z
