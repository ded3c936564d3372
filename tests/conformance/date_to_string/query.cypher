RETURN toString(date('1931-11~')) AS s
