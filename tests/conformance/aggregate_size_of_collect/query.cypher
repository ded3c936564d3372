MATCH (p:Person) RETURN size(collect(p)) AS n
