MATCH ()-[r:DENOUNCED]->() RETURN startNode(r).name AS s, endNode(r).name AS e
