RETURN toString(1) AS a, toString(1.5) AS b, toString(true) AS c, toString('x') AS d, toString(null) AS e, toString(2.0) AS f
