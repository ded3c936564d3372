MATCH (n:Person) WHERE n.age * 2 - 10 = 50 RETURN n.name
