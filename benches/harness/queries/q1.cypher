MATCH (p:Person) WHERE p.name = $name RETURN p.id ORDER BY p.id
