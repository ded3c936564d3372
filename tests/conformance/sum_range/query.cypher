UNWIND range(1, 100) AS x RETURN sum(x) AS s
