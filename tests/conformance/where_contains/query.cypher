MATCH (n) WHERE n.name CONTAINS 'ar' RETURN n.name
