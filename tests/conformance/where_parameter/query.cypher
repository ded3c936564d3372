MATCH (n) WHERE n.name = $name RETURN n.age
