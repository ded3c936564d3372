RETURN labels(1) AS x
