RETURN {name: 'Ann', age: 30, tags: ['a'], inner: {x: null}} AS m
