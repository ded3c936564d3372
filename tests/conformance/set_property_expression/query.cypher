MATCH (n:Person) SET n.age = n.age + 1 RETURN n.name, n.age
