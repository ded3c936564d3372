match (n:Org) return n.name as x
