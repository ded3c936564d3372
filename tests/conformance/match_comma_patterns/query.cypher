MATCH (a {name: 'Ann'}), (b {name: 'Cid'}) RETURN a.name, b.name
