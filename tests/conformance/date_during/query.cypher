RETURN during(date('1931-11'), date('1931')) AS a, during(date('1931'), date('1931-11')) AS b, during(date('1931-11'), date('1931-11')) AS c
