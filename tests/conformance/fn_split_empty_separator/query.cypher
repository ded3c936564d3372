RETURN split('abc', '') AS s
