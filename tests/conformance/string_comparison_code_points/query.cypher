RETURN 'a' < 'B' AS a, 'B' < 'a' AS b, 'abc' < 'abd' AS c, 'ab' < 'abc' AS d
