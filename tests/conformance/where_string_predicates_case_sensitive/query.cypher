MATCH (n) WHERE n.name STARTS WITH 'a' RETURN n.name
