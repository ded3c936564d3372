MATCH (n) WHERE id(n) IN ['n1', 'n3'] RETURN n.name
