MATCH (n:Person:Student) RETURN n.name
