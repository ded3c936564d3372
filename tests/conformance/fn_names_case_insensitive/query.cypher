RETURN TOUPPER('a') AS u, Size([1]) AS s, toupper('b') AS v
