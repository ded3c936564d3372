MATCH (n:Person) WHERE n.city IS NULL RETURN n.name
