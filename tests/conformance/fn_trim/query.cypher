RETURN trim('  a b  ') AS t, trim('') AS e
