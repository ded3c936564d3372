UNWIND [1, 'a', null, 0.2, 'b', '1', '99'] AS val RETURN max(val) AS mx, min(val) AS mn
