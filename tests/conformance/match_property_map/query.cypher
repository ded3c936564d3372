MATCH (n:Person {age: 25}) RETURN n.name
