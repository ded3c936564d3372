MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c
