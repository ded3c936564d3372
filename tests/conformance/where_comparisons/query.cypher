MATCH (n:Person) WHERE n.age >= 30 AND n.age <= 35 AND n.age <> 31 RETURN n.name
