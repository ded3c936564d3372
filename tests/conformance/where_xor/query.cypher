MATCH (n:Person) WHERE n.age > 26 XOR n.city = 'Moscow' RETURN n.name
