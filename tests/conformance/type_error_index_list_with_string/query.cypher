RETURN [1, 2]['a'] AS x
