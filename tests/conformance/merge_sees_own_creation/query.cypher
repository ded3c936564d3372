MERGE (a:P {name: 'x'}) MERGE (b:P {name: 'x'}) RETURN id(a) = id(b) AS same
