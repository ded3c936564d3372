RETURN nosuch(1) AS x
