CREATE (a:Person {name: 'Ann', age: 30, city: 'Leningrad'}),
       (b:Person {name: 'Bob', age: 25}),
       (c:Person:Student {name: 'Cid', age: 35, city: 'Moscow'}),
       (d:Org {name: 'Party'}),
       (a)-[:ACCUSED {year: 1931}]->(b),
       (b)-[:ACCUSED {year: 1932}]->(c),
       (c)-[:DENOUNCED {year: 1933}]->(a),
       (a)-[:MEMBER_OF]->(d),
       (b)-[:MEMBER_OF]->(d);
