MATCH (e:Event) RETURN min(e.date) AS lo, max(e.date) AS hi
