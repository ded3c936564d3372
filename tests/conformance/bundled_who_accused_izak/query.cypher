MATCH (a)-[:ACCUSED]->(:Person {id: 'izak'}) RETURN a.name
