UNWIND [1, 2, 3] AS i CREATE (n:N {i: i}) RETURN n.i, id(n)
