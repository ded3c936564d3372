MATCH (e:Event) WHERE '1931-12-01' < e.date RETURN e.name
