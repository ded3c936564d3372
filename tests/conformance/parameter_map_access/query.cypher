WITH $m AS m RETURN m.k AS k
