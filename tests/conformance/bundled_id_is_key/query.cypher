MATCH (p:Person {id: 'izak'}) RETURN p.id, p.name, id(p)
