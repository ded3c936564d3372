MATCH (n {name: 'Bob'}) SET n = $props RETURN properties(n) AS p
