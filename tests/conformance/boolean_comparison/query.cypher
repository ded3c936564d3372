RETURN true > false AS a, false < true AS b
