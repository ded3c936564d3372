MATCH (x:Event), (y:Event) WHERE certainly_before(x.date, y.date) RETURN x.name, y.name
