MATCH (e:Event) WHERE e.date >= '1932' RETURN e.name
