OPTIONAL MATCH (x:Nobody) MATCH (x)-->(y) RETURN y
