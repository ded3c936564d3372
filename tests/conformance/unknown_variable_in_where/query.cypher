MATCH (n) WHERE x.age > 1 RETURN n
