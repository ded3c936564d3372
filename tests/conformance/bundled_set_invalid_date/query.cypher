MATCH (p:Person {id: 'izak'}) SET p.born = '1931-13'
