MATCH (a:Person), (b:Org) RETURN count(*) AS c
