UNWIND [true, false] AS b RETURN b ORDER BY b
