RETURN head([1, 2, 3]) AS h, last([1, 2, 3]) AS l, head([]) AS e, last(null) AS n
