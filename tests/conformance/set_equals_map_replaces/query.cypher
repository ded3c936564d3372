MATCH (n {name: 'Bob'}) SET n = {nick: 'B'} RETURN n.name, n.nick
