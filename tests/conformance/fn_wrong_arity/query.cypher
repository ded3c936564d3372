RETURN size(1, 2) AS x
