MATCH (p:Person {id: 'izak'}) DELETE p
