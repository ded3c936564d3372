MATCH (n:Person) WHERE (n)-[:MEMBER_OF]->(:Org) RETURN n.name
