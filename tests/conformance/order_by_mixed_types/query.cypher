UNWIND [1, 'a', null, true, 2.5, [1]] AS x RETURN x ORDER BY x
