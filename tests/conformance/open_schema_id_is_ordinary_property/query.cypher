CREATE (n:X {id: 5}) RETURN n.id, id(n)
