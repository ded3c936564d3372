MATCH p = (:Person {name: 'Ann'})-[:ACCUSED*]->(x) RETURN x.name, length(p) AS l
