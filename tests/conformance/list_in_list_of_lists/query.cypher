RETURN [1, 2] IN [[1, 2], [3]] AS a
