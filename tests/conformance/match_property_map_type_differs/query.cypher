MATCH (n {age: '25'}) RETURN n.name
