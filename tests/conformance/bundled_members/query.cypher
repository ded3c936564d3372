MATCH (p:Person)-[m:MEMBER_OF]->(:Institution {id: 'lcu'}) RETURN m.certainty AS c, count(p) AS n
