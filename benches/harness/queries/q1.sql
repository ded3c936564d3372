SELECT id FROM nodes WHERE name = :name AND label = 'Person' ORDER BY id
