MATCH (n) WHERE n.name IN $names RETURN n.age
