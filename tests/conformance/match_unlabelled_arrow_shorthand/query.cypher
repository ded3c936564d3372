MATCH (a {name: 'Bob'})-->(b) RETURN b.name
