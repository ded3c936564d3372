MATCH ()-[r:DENOUNCED]->() RETURN properties(r) AS p
