MATCH ()-[r]-() RETURN count(r) AS c
