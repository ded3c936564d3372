UNWIND [null, null, 1] AS x RETURN DISTINCT x
