MATCH (n:Org) RETURN n.name AS name UNION MATCH (n:Student) RETURN n.name AS name
