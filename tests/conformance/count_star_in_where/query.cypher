MATCH (n) WHERE count(*) > 1 RETURN n
