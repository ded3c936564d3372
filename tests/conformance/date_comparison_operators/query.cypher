RETURN date('1931') < date('1932') AS a, date('1931-11') > date('1931') AS b, date('1931-11') = date('1931-11') AS c, date('1931') <= date('1931') AS d
