MATCH (n:Org) WITH * RETURN n.name
