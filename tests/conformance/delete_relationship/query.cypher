MATCH ()-[r:DENOUNCED]->() DELETE r WITH count(*) AS c MATCH ()-[r]->() RETURN count(r) AS n
