WITH {a: 1, b: {c: 2}} AS m RETURN m.a AS a, m.b.c AS c, m['a'] AS d, m.z AS z
