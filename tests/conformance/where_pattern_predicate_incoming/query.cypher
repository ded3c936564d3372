MATCH (n:Person) WHERE ()-[:ACCUSED]->(n) RETURN n.name
