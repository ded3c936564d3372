MATCH (n:Org) // a line comment
RETURN n.name /* a block comment */
