MATCH (n) WHERE n.name = $who RETURN n
