UNWIND keys({b: 1, a: 2}) AS k RETURN k
