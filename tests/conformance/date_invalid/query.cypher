RETURN date('1931-13') AS d
