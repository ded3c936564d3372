MATCH (n:Person) WHERE n.age > 26 AND n.city = 'Leningrad' RETURN n.name
