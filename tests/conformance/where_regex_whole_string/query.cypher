MATCH (n) WHERE n.name =~ 'An' RETURN n.name
