MATCH ()-[r:DENOUNCED]->() MATCH (x)-[r]->(y) RETURN x.name, y.name
