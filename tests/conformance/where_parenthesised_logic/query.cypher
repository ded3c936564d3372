MATCH (n:Person) WHERE (n.age > 26 OR n.name = 'Bob') AND NOT (n.city = 'Moscow') RETURN n.name
