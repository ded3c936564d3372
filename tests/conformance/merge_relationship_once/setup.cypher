CREATE (:P {name: 'a'}), (:P {name: 'b'});
