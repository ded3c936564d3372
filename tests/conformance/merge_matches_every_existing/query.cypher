MERGE (n:Person) RETURN n.name
