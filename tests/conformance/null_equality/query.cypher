RETURN null = null AS a, null <> null AS b, 1 = null AS c
