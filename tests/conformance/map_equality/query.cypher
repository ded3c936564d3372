RETURN {a: 1} = {a: 1} AS a, {a: 1} = {a: 1.0} AS b, {a: 1} = {b: 1} AS c
