CREATE (:Event {name: 'a', date: date('1931-11~')}),
       (:Event {name: 'b', date: date('1931-09/1931-12')}),
       (:Event {name: 'c', date: date('1932')}),
       (:Event {name: 'd', date: date('1931-11-07')}),
       (:Event {name: 'e'});
