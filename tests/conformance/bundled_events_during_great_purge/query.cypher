MATCH (e:Event) WHERE during(e.date, date('1934/1938')) RETURN e.id
