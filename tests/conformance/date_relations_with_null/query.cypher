RETURN certainly_before(null, date('1931')) AS a, overlaps(date('1931'), null) AS b
