MATCH (n) RETURN n.name AS x UNION RETURN n.name AS x
