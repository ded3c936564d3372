RETURN 1, 'a', [1, 2], null
