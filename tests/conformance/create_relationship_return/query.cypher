CREATE (a:A {x: 1})-[r:R {w: 2}]->(b:B) RETURN a.x, r, b
