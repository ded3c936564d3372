UNWIND ['Ann', 'Cid'] AS nm MATCH (n {name: nm}) RETURN n.age
