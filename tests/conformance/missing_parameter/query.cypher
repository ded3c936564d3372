RETURN $who AS x
