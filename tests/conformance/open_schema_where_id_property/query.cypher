MATCH (n) WHERE n.id = 'x' RETURN id(n) AS k
