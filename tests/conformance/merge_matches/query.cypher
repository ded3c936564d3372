MERGE (n:P {name: 'a'}) ON CREATE SET n.created = true ON MATCH SET n.matched = true RETURN n.name, n.created, n.matched
