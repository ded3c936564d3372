CREATE p = (:A {n: 1})-[:R]->(:B {n: 2}) RETURN length(p) AS l, [x IN nodes(p) | x.n] AS ns
