MATCH (n:Person) WHERE n.city IS NOT NULL RETURN n.name
