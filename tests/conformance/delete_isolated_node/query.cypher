CREATE (:Lonely) WITH count(*) AS c MATCH (n:Lonely) DELETE n WITH count(*) AS d MATCH (m) RETURN count(m) AS n
