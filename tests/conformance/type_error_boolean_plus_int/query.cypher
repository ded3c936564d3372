RETURN true + 1 AS x
