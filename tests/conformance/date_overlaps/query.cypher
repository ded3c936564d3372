RETURN overlaps(date('1931-09/1931-12'), date('1931-11')) AS a, overlaps(date('1931'), date('1932')) AS b, overlaps(date('1931-12-31'), date('1931-12/1932-01')) AS c
