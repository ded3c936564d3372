//! Query parameters from the command line: `--param NAME=VALUE` (a number
//! when it parses as one, else a string) and `--params JSON-OBJECT`.

use super::value::Val;
use std::collections::BTreeMap;
use std::rc::Rc;

/// A JSON value as a query value.
pub fn from_json(v: &serde_json::Value) -> Val {
    match v {
        serde_json::Value::Null => Val::Null,
        serde_json::Value::Bool(b) => Val::Bool(*b),
        serde_json::Value::Number(n) => n
            .as_i64()
            .map_or_else(|| Val::Float(n.as_f64().unwrap_or(f64::NAN)), Val::Int),
        serde_json::Value::String(s) => Val::str(s),
        serde_json::Value::Array(items) => Val::list(items.iter().map(from_json).collect()),
        serde_json::Value::Object(m) => Val::Map(Rc::new(
            m.iter().map(|(k, v)| (k.clone(), from_json(v))).collect(),
        )),
    }
}

/// Parses `NAME=VALUE`.
pub fn parse_param(text: &str) -> Result<(String, Val), String> {
    let (name, value) = text
        .split_once('=')
        .ok_or_else(|| format!("--param '{text}' must be NAME=VALUE"))?;
    let name = name.trim().trim_start_matches('$');
    if name.is_empty() {
        return Err(format!("--param '{text}' has no name"));
    }
    let v = if let Ok(i) = value.parse::<i64>() {
        Val::Int(i)
    } else if let Ok(f) = value.parse::<f64>() {
        if f.is_finite() {
            Val::Float(f)
        } else {
            Val::str(value)
        }
    } else {
        Val::str(value)
    };
    Ok((name.to_string(), v))
}

/// Parses `--params` (a JSON object) into parameters.
pub fn parse_params(json: &str) -> Result<BTreeMap<String, Val>, String> {
    match serde_json::from_str::<serde_json::Value>(json) {
        Ok(serde_json::Value::Object(m)) => {
            Ok(m.iter().map(|(k, v)| (k.clone(), from_json(v))).collect())
        }
        Ok(_) => {
            Err("--params must be a JSON object, e.g. '{\"ids\": [\"izak\"], \"n\": 2}'".into())
        }
        Err(e) => Err(format!("--params is not valid JSON: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_are_numbers_when_they_parse() {
        assert_eq!(parse_param("n=2").unwrap(), ("n".into(), Val::Int(2)));
        assert_eq!(parse_param("x=1.5").unwrap(), ("x".into(), Val::Float(1.5)));
        assert_eq!(
            parse_param("name=Izak").unwrap(),
            ("name".into(), Val::str("Izak"))
        );
        assert!(parse_param("novalue").is_err());
        let p = parse_params(r#"{"ids": ["izak"], "n": 2}"#).unwrap();
        assert_eq!(p["n"], Val::Int(2));
        assert!(parse_params("[1]").is_err());
    }
}
