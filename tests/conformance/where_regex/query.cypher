MATCH (n) WHERE n.name =~ '[AB].*' RETURN n.name
