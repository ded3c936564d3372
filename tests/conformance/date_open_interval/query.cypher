RETURN date('1931/..') AS d, latest(date('1931/..')) AS l
