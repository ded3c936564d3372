MATCH (a:Person)-[:ACCUSED]->(:Person) MATCH (a)-[:PARTICIPATED_IN {role: 'accused'}]->(e:Event) RETURN DISTINCT a.name
