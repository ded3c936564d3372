//! Abstract syntax tree of the Cypher subset.
//!
//! The tree is produced by [`crate::query::parse`] and printed back as
//! canonical Cypher by the `Display` impls in [`crate::query::printer`].
//! Parentheses are not represented: nesting is explicit in the tree.

/// A whole query: one or more single queries combined with `UNION`.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// The single queries, in source order (at least one).
    pub parts: Vec<SingleQuery>,
    /// `union_all[i]` tells whether `parts[i]` and `parts[i + 1]` are joined
    /// by `UNION ALL` (`true`) or `UNION` (`false`); `len() == parts.len() - 1`.
    pub union_all: Vec<bool>,
}

/// A sequence of clauses ending with `RETURN` or an updating clause.
#[derive(Debug, Clone, PartialEq)]
pub struct SingleQuery {
    /// The clauses in source order (at least one).
    pub clauses: Vec<Clause>,
}

/// One clause of a single query.
#[derive(Debug, Clone, PartialEq)]
pub enum Clause {
    /// `MATCH` or `OPTIONAL MATCH`.
    Match(Match),
    /// `UNWIND expr AS variable`.
    Unwind(Unwind),
    /// `WITH projection [WHERE expr]`.
    With(With),
    /// `RETURN projection` (always the last clause of its single query).
    Return(Projection),
    /// `CREATE pattern, ...`.
    Create(Pattern),
    /// `MERGE pattern [ON CREATE SET ...] [ON MATCH SET ...]`.
    Merge(Merge),
    /// `SET item, ...`.
    Set(Vec<SetItem>),
    /// `REMOVE item, ...`.
    Remove(Vec<RemoveItem>),
    /// `[DETACH] DELETE expr, ...`.
    Delete(Delete),
}

/// A `MATCH` clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// `true` for `OPTIONAL MATCH`.
    pub optional: bool,
    /// The comma-separated patterns.
    pub pattern: Pattern,
    /// The `WHERE` predicate, if any.
    pub where_clause: Option<Expr>,
}

/// An `UNWIND` clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Unwind {
    /// The list expression.
    pub expr: Expr,
    /// The variable bound to each element.
    pub variable: String,
}

/// A `WITH` clause.
#[derive(Debug, Clone, PartialEq)]
pub struct With {
    /// What is carried over.
    pub projection: Projection,
    /// The `WHERE` predicate after the projection, if any.
    pub where_clause: Option<Expr>,
}

/// The body of `RETURN` and `WITH`.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    /// `DISTINCT` was given.
    pub distinct: bool,
    /// `*` was given (possibly followed by more items).
    pub star: bool,
    /// The projected expressions (may be empty only when `star`).
    pub items: Vec<ProjectionItem>,
    /// `ORDER BY` items (empty when absent).
    pub order_by: Vec<SortItem>,
    /// `SKIP` expression.
    pub skip: Option<Expr>,
    /// `LIMIT` expression.
    pub limit: Option<Expr>,
}

/// `expr [AS alias]` in a projection. Without an alias the column name is
/// conventionally the printed expression (`expr.to_string()`).
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectionItem {
    /// The projected expression.
    pub expr: Expr,
    /// The `AS` alias, if any.
    pub alias: Option<String>,
}

/// `expr [ASC|DESC]` in `ORDER BY`.
#[derive(Debug, Clone, PartialEq)]
pub struct SortItem {
    /// The sort key.
    pub expr: Expr,
    /// `DESC`/`DESCENDING` was given (`ASC` is the default).
    pub descending: bool,
}

/// A `MERGE` clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    /// The single pattern to match or create.
    pub pattern: PatternPart,
    /// `ON CREATE SET` / `ON MATCH SET` actions in source order.
    pub actions: Vec<MergeAction>,
}

/// `ON CREATE SET ...` or `ON MATCH SET ...`.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeAction {
    /// When the action applies.
    pub on: MergeOn,
    /// The assignments.
    pub items: Vec<SetItem>,
}

/// When a [`MergeAction`] applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeOn {
    /// `ON CREATE`
    Create,
    /// `ON MATCH`
    Match,
}

/// One assignment of a `SET` clause.
#[derive(Debug, Clone, PartialEq)]
pub enum SetItem {
    /// `entity.key = value`; `entity` is a variable or a property chain.
    Property {
        /// The node/relationship (or map) expression.
        entity: Expr,
        /// The property key.
        key: String,
        /// The new value.
        value: Expr,
    },
    /// `variable = value`: replace all properties.
    Replace {
        /// The variable.
        variable: String,
        /// Usually a map or a parameter.
        value: Expr,
    },
    /// `variable += value`: add/overwrite the given properties.
    Extend {
        /// The variable.
        variable: String,
        /// Usually a map or a parameter.
        value: Expr,
    },
    /// `variable:Label1:Label2`.
    Labels {
        /// The variable.
        variable: String,
        /// Labels to add.
        labels: Vec<String>,
    },
}

/// One item of a `REMOVE` clause.
#[derive(Debug, Clone, PartialEq)]
pub enum RemoveItem {
    /// `entity.key`.
    Property {
        /// The variable or property chain.
        entity: Expr,
        /// The property key to remove.
        key: String,
    },
    /// `variable:Label1:Label2`.
    Labels {
        /// The variable.
        variable: String,
        /// Labels to remove.
        labels: Vec<String>,
    },
}

/// A `DELETE` or `DETACH DELETE` clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Delete {
    /// `DETACH` was given.
    pub detach: bool,
    /// What to delete.
    pub exprs: Vec<Expr>,
}

/// Comma-separated pattern parts, as in `MATCH (a), (b)-->(c)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// The parts (at least one).
    pub parts: Vec<PatternPart>,
}

/// One pattern part: `[p =] [shortestPath(] element [)]`.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternPart {
    /// Named path variable (`p = ...`).
    pub variable: Option<String>,
    /// The chain of nodes and relationships.
    pub element: PatternElement,
    /// Wrapped in `shortestPath(...)` or `allShortestPaths(...)`.
    pub shortest: Option<Shortest>,
}

/// Which shortest-path function wraps a pattern part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortest {
    /// `shortestPath(...)`
    Shortest,
    /// `allShortestPaths(...)`
    All,
}

/// A node followed by zero or more (relationship, node) steps.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternElement {
    /// The first node.
    pub start: NodePattern,
    /// The following steps, left to right.
    pub chain: Vec<(RelPattern, NodePattern)>,
}

/// `(variable:Label1:Label2 {k: v})`, every part optional.
#[derive(Debug, Clone, PartialEq)]
pub struct NodePattern {
    /// The node variable.
    pub variable: Option<String>,
    /// Required labels.
    pub labels: Vec<String>,
    /// Property constraints: an [`Expr::Map`] or an [`Expr::Param`].
    pub properties: Option<Expr>,
}

/// `-[variable:T1|T2 *min..max {k: v}]->` and its other directions.
#[derive(Debug, Clone, PartialEq)]
pub struct RelPattern {
    /// The relationship variable.
    pub variable: Option<String>,
    /// Allowed types (any if empty).
    pub types: Vec<String>,
    /// Direction relative to the pattern's left-to-right order.
    pub direction: Direction,
    /// Variable length `*min..max`: `*` is `(None, None)`, `*2` is
    /// `(Some(2), Some(2))`, `*..5` is `(None, Some(5))`, `*2..` is
    /// `(Some(2), None)`. `None` for a single-hop relationship.
    pub length: Option<(Option<u64>, Option<u64>)>,
    /// Property constraints: an [`Expr::Map`] or an [`Expr::Param`].
    pub properties: Option<Expr>,
}

/// Direction of a relationship pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// `<-[]-`: from the right node to the left node.
    Left,
    /// `-[]->`: from the left node to the right node.
    Right,
    /// `-[]-` (or `<-[]->`): either direction.
    Both,
}

/// A literal value.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A 64-bit integer (a leading `-` directly before a number is folded in).
    Integer(i64),
    /// A finite float.
    Float(f64),
    /// A string.
    String(String),
}

/// Binary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    /// `OR`
    Or,
    /// `XOR`
    Xor,
    /// `AND`
    And,
    /// `=`
    Eq,
    /// `<>`
    Neq,
    /// `<`
    Lt,
    /// `>`
    Gt,
    /// `<=`
    Le,
    /// `>=`
    Ge,
    /// `IN`
    In,
    /// `STARTS WITH`
    StartsWith,
    /// `ENDS WITH`
    EndsWith,
    /// `CONTAINS`
    Contains,
    /// `=~`
    RegexMatch,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Mod,
    /// `^`
    Pow,
}

/// Binding strength of operators, lowest first (see [`BinaryOp::precedence`]).
pub mod prec {
    /// `OR`
    pub const OR: u8 = 1;
    /// `XOR`
    pub const XOR: u8 = 2;
    /// `AND`
    pub const AND: u8 = 3;
    /// prefix `NOT`
    pub const NOT: u8 = 4;
    /// `= <> < > <= >=`
    pub const COMPARISON: u8 = 5;
    /// postfix `IS [NOT] NULL`
    pub const IS_NULL: u8 = 6;
    /// `IN`, `STARTS WITH`, `ENDS WITH`, `CONTAINS`, `=~`
    pub const PREDICATE: u8 = 7;
    /// `+ -`
    pub const ADDITIVE: u8 = 8;
    /// `* / %`
    pub const MULTIPLICATIVE: u8 = 9;
    /// `^`
    pub const POWER: u8 = 10;
    /// prefix `-` and `+`
    pub const UNARY: u8 = 11;
    /// `a.b`, `a[i]`, `a[i..j]`, `a:Label`
    pub const POSTFIX: u8 = 12;
    /// literals, variables, calls, parenthesised expressions, ...
    pub const ATOM: u8 = 13;
}

impl BinaryOp {
    /// The operator as written in canonical Cypher.
    pub fn as_str(self) -> &'static str {
        use BinaryOp::*;
        match self {
            Or => "OR",
            Xor => "XOR",
            And => "AND",
            Eq => "=",
            Neq => "<>",
            Lt => "<",
            Gt => ">",
            Le => "<=",
            Ge => ">=",
            In => "IN",
            StartsWith => "STARTS WITH",
            EndsWith => "ENDS WITH",
            Contains => "CONTAINS",
            RegexMatch => "=~",
            Add => "+",
            Sub => "-",
            Mul => "*",
            Div => "/",
            Mod => "%",
            Pow => "^",
        }
    }

    /// Binding strength (see [`prec`]); all binary operators are
    /// left-associative.
    pub fn precedence(self) -> u8 {
        use BinaryOp::*;
        match self {
            Or => prec::OR,
            Xor => prec::XOR,
            And => prec::AND,
            Eq | Neq | Lt | Gt | Le | Ge => prec::COMPARISON,
            In | StartsWith | EndsWith | Contains | RegexMatch => prec::PREDICATE,
            Add | Sub => prec::ADDITIVE,
            Mul | Div | Mod => prec::MULTIPLICATIVE,
            Pow => prec::POWER,
        }
    }
}

/// Prefix operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `NOT`
    Not,
    /// `-`
    Neg,
    /// `+`
    Pos,
}

/// An expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A literal value.
    Literal(Literal),
    /// A parameter `$name` (name without `$`).
    Param(String),
    /// A variable reference.
    Var(String),
    /// Property access `expr.key`.
    Property(Box<Expr>, String),
    /// A binary operation.
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// A prefix operation (`NOT`, `-`, `+`).
    Unary(UnaryOp, Box<Expr>),
    /// `expr IS NULL` (`negated: false`) or `expr IS NOT NULL`.
    IsNull {
        /// The tested expression.
        expr: Box<Expr>,
        /// `IS NOT NULL`.
        negated: bool,
    },
    /// Label predicate `expr:Label1:Label2`.
    HasLabels {
        /// The node expression.
        expr: Box<Expr>,
        /// Labels that must all be present.
        labels: Vec<String>,
    },
    /// A function call `name([DISTINCT] args)`; the name keeps its spelling.
    FnCall {
        /// Function name as written.
        name: String,
        /// `DISTINCT` was given.
        distinct: bool,
        /// Arguments.
        args: Vec<Expr>,
    },
    /// `count(*)`.
    CountStar,
    /// List literal `[a, b]`.
    List(Vec<Expr>),
    /// Map literal `{k: v, ...}` (keys in source order).
    Map(Vec<(String, Expr)>),
    /// `expr[index]`.
    Index {
        /// The list or map.
        expr: Box<Expr>,
        /// The index or key.
        index: Box<Expr>,
    },
    /// `expr[from..to]`, either bound optional.
    Slice {
        /// The list.
        expr: Box<Expr>,
        /// Start (inclusive).
        from: Option<Box<Expr>>,
        /// End (exclusive).
        to: Option<Box<Expr>>,
    },
    /// `CASE [subject] WHEN a THEN b ... [ELSE c] END`.
    Case {
        /// The value compared against each `WHEN` (simple form), if any.
        subject: Option<Box<Expr>>,
        /// `(WHEN, THEN)` pairs (at least one).
        whens: Vec<(Expr, Expr)>,
        /// The `ELSE` value.
        otherwise: Option<Box<Expr>>,
    },
    /// `[variable IN list WHERE predicate | projection]`.
    ListComprehension {
        /// The element variable.
        variable: String,
        /// The source list.
        list: Box<Expr>,
        /// The filter, if any.
        predicate: Option<Box<Expr>>,
        /// The mapping, if any.
        projection: Option<Box<Expr>>,
    },
    /// A pattern used as a predicate, e.g. `(a)-[:KNOWS]->()`; the parser
    /// only produces elements with at least one relationship.
    PatternPredicate(Box<PatternElement>),
    /// `EXISTS { [MATCH] pattern [WHERE predicate] }`.
    Exists {
        /// The pattern that must match.
        pattern: Box<Pattern>,
        /// Extra condition.
        where_clause: Option<Box<Expr>>,
    },
}

impl Expr {
    /// Binding strength of the expression's outermost operator (see [`prec`]).
    pub fn precedence(&self) -> u8 {
        match self {
            Expr::Binary(op, ..) => op.precedence(),
            Expr::Unary(UnaryOp::Not, _) => prec::NOT,
            Expr::Unary(..) => prec::UNARY,
            Expr::IsNull { .. } => prec::IS_NULL,
            Expr::Property(..)
            | Expr::Index { .. }
            | Expr::Slice { .. }
            | Expr::HasLabels { .. } => prec::POSTFIX,
            _ => prec::ATOM,
        }
    }
}
