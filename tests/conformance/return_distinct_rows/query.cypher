UNWIND [[1, 'a'], [1, 'b'], [1, 'a']] AS p RETURN DISTINCT p[0] AS x, p[1] AS y
