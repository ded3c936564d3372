MATCH p = (a {name: 'Party'}) RETURN length(p) AS l, size(nodes(p)) AS n
