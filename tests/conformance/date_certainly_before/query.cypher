RETURN certainly_before(date('1931-11'), date('1932')) AS a, certainly_before(date('1931-09/1931-12'), date('1931-11')) AS b, certainly_before(date('1931-11'), date('1931-11')) AS c
