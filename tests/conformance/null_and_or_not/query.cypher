RETURN null AND false AS a, null AND true AS b, null OR true AS c, null OR false AS d, NOT null AS e
