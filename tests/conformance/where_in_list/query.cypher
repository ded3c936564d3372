MATCH (n) WHERE n.name IN ['Ann', 'Cid', 'Zed'] RETURN n.name
