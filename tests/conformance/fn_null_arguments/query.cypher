RETURN toUpper(null) AS a, split(null, ',') AS b, substring(null, 1) AS c, labels(null) AS d, type(null) AS e
