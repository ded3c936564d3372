MATCH (n {name: 'Cid'}) OPTIONAL MATCH (n)-[r:MEMBER_OF]->() RETURN type(r)
