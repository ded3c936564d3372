RETURN year(date('1931-11~')) AS y, year(date('193X')) AS z, year(date('1931-09/1932-02')) AS i
