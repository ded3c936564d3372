MATCH ()-[r:DENOUNCED]->() RETURN id(r) AS i
