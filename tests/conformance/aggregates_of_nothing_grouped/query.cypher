MATCH (n:Nobody) RETURN n.name, count(*)
