MATCH (n) WITH n WHERE max(n.age) > 1 RETURN n
