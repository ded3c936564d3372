RETURN split('a,b,,c', ',') AS s
