MATCH (n:Nobody) RETURN n
