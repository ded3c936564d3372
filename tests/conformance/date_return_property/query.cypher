MATCH (e:Event {name: 'a'}) RETURN e.date AS d
