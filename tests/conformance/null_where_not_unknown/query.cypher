UNWIND [true, false, null] AS x WITH x WHERE NOT x RETURN x
