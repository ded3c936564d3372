MATCH (a)-[r]->(b)<-[s]-(a) RETURN count(*) AS c
