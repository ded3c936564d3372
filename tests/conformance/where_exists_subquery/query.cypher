MATCH (n:Person) WHERE EXISTS { MATCH (n)-[:DENOUNCED]->() } RETURN n.name
