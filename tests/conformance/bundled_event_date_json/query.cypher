MATCH (e:Event {id: 'rise-1932-1933'}) RETURN e.date AS d, e.date_text AS t
