MATCH (n:Person {name: $n}) RETURN n.age
