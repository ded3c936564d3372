MATCH (e:Event) RETURN e.name ORDER BY e.date DESC
