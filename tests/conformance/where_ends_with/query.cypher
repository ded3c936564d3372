MATCH (n) WHERE n.name ENDS WITH 'd' RETURN n.name
