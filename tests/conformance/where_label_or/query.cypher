MATCH (n) WHERE n:Org OR n:Student RETURN n.name
