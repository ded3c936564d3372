CREATE (p:Person {id: 'novikov', name: 'Novikov', sources: ['halfin2009:174-228']}) RETURN p.id, p.name, p.sources
