CREATE (n:X) RETURN id(n) AS i
