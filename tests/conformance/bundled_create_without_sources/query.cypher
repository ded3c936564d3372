CREATE (:Person {id: 'novikov', name: 'Novikov'})
