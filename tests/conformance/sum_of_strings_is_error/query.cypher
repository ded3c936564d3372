UNWIND ['a', 'b'] AS x RETURN sum(x) AS s
