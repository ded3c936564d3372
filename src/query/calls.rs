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
use crate::query::ast::Expr;

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
        let v = ctx.refresh(&v)?;
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
                id: format!("d{i}"),
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
}
