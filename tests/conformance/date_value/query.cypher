RETURN date('1931-11~') AS d
