RETURN 1 IN [1, null] AS a, 2 IN [1, null] AS b, null IN [1] AS c, 3 IN [] AS d, null IN [] AS e
