MATCH (a)-[r]->(b) WHERE type(r) STARTS WITH 'DEN' RETURN a.name
