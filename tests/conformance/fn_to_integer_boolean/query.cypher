RETURN toInteger(true) AS t, toInteger(false) AS f
