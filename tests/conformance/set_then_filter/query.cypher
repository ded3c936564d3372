MATCH (n:Person) SET n.flag = n.age > 26 WITH n WHERE n.flag RETURN n.name
