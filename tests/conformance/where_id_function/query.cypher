MATCH (n) WHERE id(n) = 'n2' RETURN n.name
