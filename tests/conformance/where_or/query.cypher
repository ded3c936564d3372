MATCH (n:Person) WHERE n.age < 26 OR n.city = 'Moscow' RETURN n.name
