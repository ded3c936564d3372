MATCH (n:Person) WHERE NOT n.city = 'Moscow' RETURN n.name
