RETURN date('193X') AS d
