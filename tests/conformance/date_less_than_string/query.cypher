MATCH (e:Event) WHERE e.date < '1931-11-05' RETURN e.name
