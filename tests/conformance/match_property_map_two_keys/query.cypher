MATCH (n {city: 'Moscow', age: 35}) RETURN n.name
