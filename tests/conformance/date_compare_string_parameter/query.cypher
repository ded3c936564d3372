MATCH (e:Event) WHERE e.date > $after RETURN e.name
