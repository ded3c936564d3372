MATCH (a {name: 'Ann'})-[:ACCUSED]-(b)-[:ACCUSED]-(c) RETURN c.name
