MATCH (a {id: 'fedchenko'})-[r:ACCUSED]->(b {id: 'izak'}) RETURN r.event, r.charge, r.sources
