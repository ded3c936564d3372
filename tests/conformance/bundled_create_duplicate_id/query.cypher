CREATE (:Person {id: 'izak', name: 'Izak', sources: ['halfin2009:1-23']})
