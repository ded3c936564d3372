RETURN 'Изак' AS n, size('Изак') AS s, toUpper('изак') AS u, substring('Изак', 1, 2) AS sub
