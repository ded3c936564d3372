MATCH (p:Person {id: 'izak'}) SET p.id = 'isaac'
