RETURN [x IN [1, null, 2] WHERE x IS NOT NULL] AS l
