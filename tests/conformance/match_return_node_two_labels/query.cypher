MATCH (n:Student) RETURN n
