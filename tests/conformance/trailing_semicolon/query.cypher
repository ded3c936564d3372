MATCH (n:Org) RETURN n.name;
