RETURN toLower('ÄbC') AS l, toUpper('izak') AS u
