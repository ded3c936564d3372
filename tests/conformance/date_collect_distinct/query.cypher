UNWIND [date('1931'), date('1931'), date('1932')] AS d RETURN count(DISTINCT d) AS c
