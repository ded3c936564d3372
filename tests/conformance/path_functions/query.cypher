MATCH p = (:Person {name: 'Ann'})-[:ACCUSED*2]->() RETURN length(p), [n IN nodes(p) | n.name] AS names, [r IN relationships(p) | type(r)] AS types
