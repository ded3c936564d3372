MATCH p = (c {name: 'Cid'})<-[:ACCUSED*]-(a {name: 'Ann'}) RETURN [n IN nodes(p) | n.name] AS names
