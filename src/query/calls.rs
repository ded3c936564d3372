//! Function calls in expressions, with the shortcuts that keep them cheap
//! per row: a call on constants is evaluated once per query, and
//! `earliest(x.date)` / `latest(x.date)` read the bound of the stored date
//! without copying it into a value first.

use super::context::Ctx;
use super::eval::{eval, property, Row};
use super::failure::QResult;
use super::functions;
use super::value::Val;
use crate::date::Day;
use crate::model::Value;
use crate::query::ast::{BinaryOp, Expr};
use crate::store::Bounds;

/// Most values the per-query memos keep (they start over beyond it).
const MEMO_LIMIT: usize = 1 << 16;

/// Calls the function `lower` (its name lower-cased) of `call` on `args`.
pub fn call(
    call: &Expr,
    name: &str,
    lower: &str,
    args: &[Expr],
    row: &Row,
    ctx: &mut Ctx,
) -> QResult<Val> {
    // Every function is a pure function of its arguments, so a call on
    // literals and parameters gives the same value on every row.
    let constant = !args.is_empty()
        && args
            .iter()
            .all(|a| matches!(a, Expr::Literal(_) | Expr::Param(_)));
    // Kept by the call's address, with the call itself: an expression
    // built for a moment (a pattern copied for `exists`) may be followed by
    // another one at the same address.
    let at = std::ptr::from_ref(call) as usize;
    if constant {
        if let Some((e, v)) = ctx.consts.get(&at) {
            if e == call {
                return Ok(v.clone());
            }
        }
    }
    if let ("earliest" | "latest", [Expr::Property(base, key)]) = (lower, args) {
        let v = eval(base, row, ctx)?;
        if key == "date" {
            if let Some(Bounds::Known(earliest, latest)) = column(ctx, &v)? {
                let bound = if lower == "earliest" {
                    earliest
                } else {
                    latest
                };
                return Ok(bound.map_or(Val::Null, |day| day_val(ctx, day)));
            }
        }
        let v = ctx.refresh(&whole(ctx, v)?)?;
        let stored = match &v {
            Val::Node(n) => n.prop(key),
            Val::Rel(r) => r.prop(key),
            _ => None,
        };
        if let Some(Value::Date(d)) = stored {
            let bound = if lower == "earliest" {
                d.earliest()
            } else {
                d.latest()
            };
            return Ok(bound.map_or(Val::Null, |day| day_val(ctx, day)));
        }
        let p = property(&v, key, ctx.schema)?;
        return functions::call(lower, name, vec![p], ctx);
    }
    let mut vals = Vec::with_capacity(args.len());
    for a in args {
        vals.push(eval(a, row, ctx)?);
    }
    let v = functions::call(lower, name, vals, ctx)?;
    if constant {
        if ctx.consts.len() >= MEMO_LIMIT {
            ctx.consts.clear();
        }
        ctx.consts.insert(at, (call.clone(), v.clone()));
    }
    Ok(v)
}

/// What the read file's date column says of an element's `date`, while
/// the query reads the file directly (`None`: not an element read there).
pub(super) fn column(ctx: &Ctx, v: &Val) -> QResult<Option<Bounds>> {
    let Some(snap) = ctx.positions() else {
        return Ok(None);
    };
    Ok(match v {
        Val::Node(n) => n.pos.map(|i| snap.node_bounds(i)).transpose()?,
        Val::Rel(r) => r.pos.map(|i| snap.rel_bounds(i)).transpose()?,
        _ => None,
    })
}

/// The day `e` gives when it is `earliest(x.date)` or `latest(x.date)` of
/// a variable bound to an element the date column answers for, without a
/// value made: `Some(None)` for null (an open bound, or a day beyond the
/// years a date value shows, as [`day_val`] gives). `None`: evaluate `e`.
pub fn column_day(e: &Expr, row: &Row, ctx: &Ctx) -> QResult<Option<Option<Day>>> {
    let Some((v, earliest)) = bound_call(e) else {
        return Ok(None);
    };
    let Some(element) = row.get(v) else {
        return Ok(None);
    };
    Ok(column(ctx, element)?.and_then(|b| pick(b, earliest)))
}

/// `e` as `earliest(x.date)` or `latest(x.date)` of a variable: the
/// variable, and whether the call asks the earliest day.
pub fn bound_call(e: &Expr) -> Option<(&str, bool)> {
    let Expr::FnCall { name, args, .. } = e else {
        return None;
    };
    let [Expr::Property(base, key)] = args.as_slice() else {
        return None;
    };
    let earliest = name.eq_ignore_ascii_case("earliest");
    match &**base {
        Expr::Var(v) if key == "date" && (earliest || name.eq_ignore_ascii_case("latest")) => {
            Some((v, earliest))
        }
        _ => None,
    }
}

/// The earliest or latest day of column bounds, as [`column_day`] gives.
pub fn pick(b: Bounds, earliest: bool) -> Option<Option<Day>> {
    match b {
        Bounds::Known(e, l) => Some(if earliest { e } else { l }.filter(|d| shown(*d))),
        Bounds::Unknown => None,
    }
}

/// Whether a date value can show day `d` (its year within ±9999).
fn shown(d: Day) -> bool {
    // 2,900,000 days either side of 1970 stay within years -5970..9910.
    d.days().abs() < 2_900_000 || d.ymd().0.abs() <= 9999
}

/// `x op y` for days as date values would compare: `None` (null) when
/// either is null or `op` compares nothing.
pub fn compare_days(op: BinaryOp, x: Option<Day>, y: Option<Day>) -> Option<bool> {
    let o = x?.cmp(&y?);
    Some(match op {
        BinaryOp::Eq => o.is_eq(),
        BinaryOp::Neq => o.is_ne(),
        BinaryOp::Lt => o.is_lt(),
        BinaryOp::Gt => o.is_gt(),
        BinaryOp::Le => o.is_le(),
        BinaryOp::Ge => o.is_ge(),
        _ => return None,
    })
}

/// An element as the query may see it: one bound or tried without its
/// record (see [`super::unread`], [`super::date_filter`]) is read when
/// the column cannot answer. Reads by position are kept, so this costs a
/// lookup otherwise.
fn whole(ctx: &Ctx, v: Val) -> QResult<Val> {
    let Some(snap) = ctx.positions() else {
        return Ok(v);
    };
    Ok(match &v {
        Val::Rel(r) => match r.pos {
            Some(i) => Val::Rel(ctx.rel_at(snap, i)?),
            None => v,
        },
        Val::Node(n) => match n.pos {
            Some(i) => Val::Node(ctx.node_at(snap, i)?),
            None => v,
        },
        _ => v,
    })
}

/// A day as a date value, made once per query for each day.
fn day_val(ctx: &mut Ctx, day: Day) -> Val {
    if let Some(v) = ctx.days.get(&day.days()) {
        return v.clone();
    }
    let v = functions::day_val(day);
    if ctx.days.len() >= MEMO_LIMIT {
        ctx.days.clear();
    }
    ctx.days.insert(day.days(), v.clone());
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Edtf;
    use crate::model::{Node, Props, Schema};
    use crate::query::ast::Literal;
    use crate::query::context::Limits;
    use crate::query::{self, Options};
    use crate::store::ChangeSet;
    use crate::Database;

    fn upper_or_lower(f: &str, s: &str) -> Expr {
        Expr::FnCall {
            name: f.into(),
            distinct: false,
            args: vec![Expr::Literal(Literal::String(s.into()))],
        }
    }

    #[test]
    fn a_constant_call_is_kept_for_its_own_expression_only() {
        let db = Database::memory(Schema::Open);
        let snap = db.graph();
        let mut ctx = Ctx::new(
            &snap,
            Schema::Open,
            Default::default(),
            Limits::default(),
            false,
        );
        let row = Row::new();
        // One slot, so both expressions sit at the same address.
        let mut slot = [upper_or_lower("toUpper", "a")];
        let first = |ctx: &mut Ctx, e: &Expr| match e {
            Expr::FnCall { name, args, .. } => {
                call(e, name, &name.to_lowercase(), args, &row, ctx).unwrap()
            }
            _ => unreachable!(),
        };
        assert_eq!(first(&mut ctx, &slot[0]), Val::str("A"));
        assert_eq!(first(&mut ctx, &slot[0]), Val::str("A"));
        assert_eq!(ctx.consts.len(), 1, "kept");
        slot[0] = upper_or_lower("toLower", "B");
        assert_eq!(first(&mut ctx, &slot[0]), Val::str("b"));
    }

    /// `earliest(x.date)` read from the stored date answers as the
    /// general path does (through a map, which has no shortcut), for every
    /// kind of date and for what is not a date.
    #[test]
    fn stored_date_bounds_equal_the_general_path() {
        let db = Database::memory(Schema::Open);
        let mut c = ChangeSet::default();
        let dates = [
            "1931-11",
            "1932?",
            "1936/1938",
            "../1932",
            "[1936,1937-05]",
            "193X",
            "1931-11-07",
        ];
        for (i, d) in dates.iter().enumerate() {
            let mut props = Props::new();
            props.insert("date".into(), Value::date(Edtf::parse(d).unwrap()));
            props.insert("i".into(), Value::Int(i as i64));
            c.put_node(Node {
                id: format!("d{i}").into(),
                labels: vec!["D".into()],
                props,
                pos: None,
            });
        }
        let mut props = Props::new();
        props.insert("date".into(), Value::Str("1931".into()));
        props.insert("i".into(), Value::Int(99));
        c.put_node(Node {
            id: "text".into(),
            labels: vec!["D".into()],
            props,
            pos: None,
        });
        db.commit(&c, &[], &mut |_, _| {}).unwrap();
        let rows = query::run(
            &db,
            "MATCH (n:D) WITH n, properties(n) AS m \
             RETURN n.i, earliest(n.date) = earliest(m.date), latest(n.date) = latest(m.date), \
                    earliest(n.date), latest(n.nothing), earliest(m.date) IS NULL ORDER BY n.i",
            &Options::default(),
        )
        .unwrap()
        .rows;
        assert_eq!(rows.len(), dates.len() + 1);
        for r in &rows {
            let open_start = r[5] == Val::Bool(true);
            assert!(
                open_start || (r[1] == Val::Bool(true) && r[2] == Val::Bool(true)),
                "{r:?}"
            );
            assert_eq!(r[4], Val::Null);
        }
        // The open start has no earliest day on either path.
        assert_eq!(rows[3][3], Val::Null);
        assert_eq!(
            rows[0][3],
            functions::day_val(Edtf::parse("1931-11-01").unwrap().earliest().unwrap())
        );
        // A date written as text is parsed by the general path.
        assert_eq!(
            rows[7][3],
            functions::day_val(Edtf::parse("1931").unwrap().earliest().unwrap())
        );
    }

    /// A relationship read only through its date's bounds is bound without
    /// its record and answered from the read file's column, giving what
    /// the whole relationship gives — for every kind of date, a date
    /// beyond the column's range, text, and no date — with fewer reads.
    #[test]
    fn relationships_seen_only_through_date_bounds_answer_from_the_column() {
        let db = Database::memory(Schema::Open);
        let mut c = ChangeSet::default();
        for id in ["a", "b"] {
            c.put_node(Node {
                id: id.into(),
                labels: vec!["P".into()],
                props: Props::new(),
                pos: None,
            });
        }
        let dates = [
            Some(Value::date(Edtf::parse("1931-11").unwrap())),
            Some(Value::date(Edtf::parse("1936/1938").unwrap())),
            Some(Value::date(Edtf::parse("../1932").unwrap())),
            Some(Value::date(Edtf::parse("1932-03-12/..").unwrap())),
            Some(Value::date(Edtf::parse("[1936,1937-05]").unwrap())),
            Some(Value::date(Edtf::parse("Y170000002").unwrap())),
            Some(Value::Str("1931".into())),
            None,
        ];
        for (i, d) in dates.iter().enumerate() {
            let mut props = Props::new();
            props.insert("i".into(), Value::Int(i as i64));
            if let Some(d) = d {
                props.insert("date".into(), d.clone());
            }
            c.put_rel(crate::model::Rel {
                id: format!("r{i}").into(),
                rel_type: "R".into(),
                start: "a".into(),
                end: "b".into(),
                props,
                pos: None,
            });
        }
        db.commit(&c, &[], &mut |_, _| {}).unwrap();
        let run = |q: &str| {
            let before = db.reads();
            let rows = query::run(&db, q, &Options::default()).unwrap().rows;
            (rows, db.reads() - before)
        };
        let bounds = "earliest(r.date) AS e, latest(r.date) AS l";
        let (column, column_reads) = run(&format!(
            "MATCH (:P)-[r:R]->(:P) RETURN {bounds} ORDER BY e, l"
        ));
        let (whole, whole_reads) = run(&format!(
            "MATCH (:P)-[r:R]->(:P) RETURN {bounds}, r.i AS i ORDER BY e, l"
        ));
        assert_eq!(column.len(), dates.len());
        let strip: Vec<Vec<Val>> = whole.iter().map(|r| r[..2].to_vec()).collect();
        assert_eq!(column, strip);
        assert!(column.iter().any(|r| r[0].is_null() && !r[1].is_null()));
        assert_eq!(
            2,
            column
                .iter()
                .filter(|r| r[0].is_null() && r[1].is_null())
                .count()
        );
        // Only the three the column cannot answer were read.
        assert!(
            column_reads + 5 <= whole_reads,
            "{column_reads} reads against {whole_reads}"
        );
        // Compared with each other, as accusation chains do.
        let (pairs, _) = run("MATCH (:P)-[r:R]->(:P), (:P)-[s:R]->(:P) \
             WHERE earliest(r.date) < earliest(s.date) RETURN count(*) AS n");
        let (whole_pairs, _) = run("MATCH (:P)-[r:R]->(:P), (:P)-[s:R]->(:P) \
             WHERE earliest(r.date) < earliest(s.date) AND r.i >= 0 RETURN count(*) AS n");
        assert_eq!(pairs, whole_pairs);
        assert!(pairs[0][0] != Val::Int(0));
    }
}
