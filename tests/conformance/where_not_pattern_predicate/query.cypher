MATCH (n:Person) WHERE NOT (n)-[:ACCUSED]->() RETURN n.name
