CREATE (n:Person {name: 'Ann', age: 30}) RETURN n
