MATCH (n {name: 'Bob'}) SET n += {age: 26, city: 'Kiev'} RETURN n.name, n.age, n.city
