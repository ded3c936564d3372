RETURN size([1, 2, 3]) AS a, size('hello') AS b, size([]) AS c, size(null) AS d
