MATCH (n) WHERE n.name =~ '(?i)ann' RETURN n.name
