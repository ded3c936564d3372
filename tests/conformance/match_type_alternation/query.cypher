MATCH (a)-[r:ACCUSED|DENOUNCED]->(b) RETURN a.name, b.name, type(r)
