MATCH (n {name: 'Bob'}) SET n.age = 99 WITH count(*) AS c MATCH (m:Person) WHERE m.age > 50 RETURN m.name
