MATCH (e:Event) WHERE e.date IS NOT NULL RETURN year(e.date) AS y, count(*) AS c
