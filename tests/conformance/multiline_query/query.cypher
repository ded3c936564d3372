MATCH (a:Person)
  -[:ACCUSED]->
  (b:Person)
WHERE a.age > 26
RETURN b.name
