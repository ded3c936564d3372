MATCH (n) WHERE n.name AND true RETURN n
