MATCH (n) WHERE n:Student RETURN n.name
