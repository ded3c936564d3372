CREATE (a:A)<-[r:R]-(b:B) RETURN labels(startNode(r)) AS s, labels(endNode(r)) AS e
