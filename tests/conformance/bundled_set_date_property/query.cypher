MATCH (p:Person {id: 'izak'}) SET p.died = '1937~' RETURN p.died AS d
