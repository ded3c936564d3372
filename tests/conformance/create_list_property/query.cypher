CREATE (n:N {tags: ['x', 'y'], f: 1.0}) RETURN n.tags, n.f
