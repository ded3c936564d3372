RETURN earliest(date('1931-11~')) AS e, latest(date('1931-11~')) AS l
