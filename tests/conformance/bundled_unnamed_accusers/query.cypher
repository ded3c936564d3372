MATCH (e:Event {id: 'accusation-1931-fedchenko-pantiukhin'})<-[r:PARTICIPATED_IN]-(p) RETURN r.role AS role, count(*) AS c
