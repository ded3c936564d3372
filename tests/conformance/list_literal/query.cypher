RETURN [1, 'a', null, [2]] AS l
