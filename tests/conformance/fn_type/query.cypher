MATCH (a {name: 'Ann'})-[r]->() RETURN type(r)
