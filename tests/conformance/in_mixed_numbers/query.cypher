MATCH (n:Person) WHERE n.age IN [30, 35.0] RETURN n.name
