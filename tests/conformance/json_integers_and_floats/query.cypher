RETURN 1 AS i, 1.0 AS f, 7 / 2 AS d, 7 / 2.0 AS e, 7 % 3 AS m, 2 ^ 3 AS p, -5 AS neg, 1e3 AS exp
