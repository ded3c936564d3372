RETURN earliest(date('1931-24')) AS e, latest(date('1931-24')) AS l
