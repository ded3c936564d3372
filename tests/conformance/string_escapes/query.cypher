RETURN 'it\'s' AS a, "dq" AS b, 'tab\tx' AS c, 'back\\slash' AS d
