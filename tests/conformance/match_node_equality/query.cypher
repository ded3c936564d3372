MATCH (a {name: 'Ann'}), (b) WHERE a = b RETURN b.name
