MATCH (n:Person) RETURN count(*)
