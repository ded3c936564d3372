MATCH (n:Person) RETURN count(n.city)
