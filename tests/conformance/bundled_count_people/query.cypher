MATCH (p:Person) RETURN count(*) AS c
