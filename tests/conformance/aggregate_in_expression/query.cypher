MATCH (n:Person) RETURN count(*) * 10 AS c
