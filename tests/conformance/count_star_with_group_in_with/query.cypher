MATCH (p:Person) WITH count(*) AS n MATCH (o:Org) RETURN n, o.name
