UNWIND [date('1932'), null, date('1931')] AS d RETURN d ORDER BY d
