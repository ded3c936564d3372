MATCH (n:Person) WHERE (n)-[:ACCUSED]->() AND ()-[:ACCUSED]->(n) RETURN n.name
