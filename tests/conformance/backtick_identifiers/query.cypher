MATCH (`my node`:Org) RETURN `my node`.name AS `the name`
