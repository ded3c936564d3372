CREATE (:Source {id: 's', title: 'T'})
