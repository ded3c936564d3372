MATCH (n {name: 'Ann'}) DELETE n
