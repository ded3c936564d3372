MERGE (n:P {name: 'x'}) ON CREATE SET n.created = true ON MATCH SET n.matched = true RETURN n.name, n.created, n.matched
