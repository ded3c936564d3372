MATCH (n) WHERE n.name < 'B' RETURN n.name
