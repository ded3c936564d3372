RETURN coalesce(null, null) AS c
