MATCH (n) SET m.x = 1
