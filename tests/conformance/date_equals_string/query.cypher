MATCH (e:Event) WHERE e.date = '1931-11-07' RETURN e.name
