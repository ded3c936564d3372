RETURN toInteger('42') AS a, toInteger(3.9) AS b, toInteger('x') AS c, toInteger('2.5') AS d, toInteger(null) AS e, toInteger(-3.9) AS f
