MATCH ()-[r:DENOUNCED]->() SET r.year = 1934 RETURN r.year
