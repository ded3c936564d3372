CREATE (a)-[]->(b)
