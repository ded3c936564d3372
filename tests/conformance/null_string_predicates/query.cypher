RETURN null STARTS WITH 'a' AS a, 'abc' CONTAINS null AS b, null =~ 'a' AS c
