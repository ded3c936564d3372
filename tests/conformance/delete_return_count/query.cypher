MATCH (n:Org) DETACH DELETE n RETURN count(*) AS deleted
