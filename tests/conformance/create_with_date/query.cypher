CREATE (e:Event {date: date('1931-11~')}) RETURN e.date
