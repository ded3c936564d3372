MATCH (e:Event) WHERE during(e.date, date('1931-11')) RETURN e.name
