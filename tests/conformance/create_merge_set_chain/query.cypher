CREATE (a:A {n: 1}) MERGE (b:B {n: 2}) SET a.m = b.n RETURN a.n, a.m, b.n
