CREATE (a)-[:R]-(b)
