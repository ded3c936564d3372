MATCH (n:Person) WHERE n.name > 5 RETURN n.name
