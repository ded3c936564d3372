UNWIND [true, false, null] AS x WITH x WHERE x RETURN x
