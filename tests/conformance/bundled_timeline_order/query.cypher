MATCH (e:Event) WHERE e.date IS NOT NULL RETURN e.id ORDER BY e.date, e.id
