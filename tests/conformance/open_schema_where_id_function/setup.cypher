CREATE (:X {id: 'x', name: 'ex'}), (:X {id: 'n1', name: 'other'});
