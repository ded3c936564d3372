UNWIND [[1, 'b'], [1, 'a'], [0, 'z']] AS p RETURN p[0] AS x, p[1] AS y ORDER BY x, y DESC
