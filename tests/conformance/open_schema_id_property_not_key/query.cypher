MATCH (n) WHERE n.id = 'n1' RETURN n.name AS nm
