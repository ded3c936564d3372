MATCH (n:Person) WHERE n.city <> 'Moscow' RETURN n.name
