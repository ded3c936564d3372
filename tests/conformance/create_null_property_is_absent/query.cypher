CREATE (n:N {a: 1, b: null}) RETURN keys(n) AS k
