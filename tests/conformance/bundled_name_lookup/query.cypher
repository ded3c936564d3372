MATCH (p:Person) WHERE p.name = 'Dmitriev' RETURN p.id
