RETURN toUpper(1) AS x
