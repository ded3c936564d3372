RETURN 'a' =~ '(' AS x
