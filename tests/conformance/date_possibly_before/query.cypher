RETURN possibly_before(date('1931-09/1931-12'), date('1931-11')) AS a, possibly_before(date('1932'), date('1931')) AS b
