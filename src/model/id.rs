//! Element ids: validation of given ids and generation from names.

/// Checks a node id: non-empty, at most 200 characters, letters, digits and
/// `_ . -` only (so `/`, `>` and `:` stay free for relationship ids and
/// citations).
pub fn check_node_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("id is empty".into());
    }
    if id.chars().count() > 200 {
        return Err("id is longer than 200 characters".into());
    }
    if let Some(c) = id
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '_' | '.' | '-')))
    {
        return Err(format!(
            "id '{}' contains '{}': use letters, digits, '_', '.' and '-'",
            id.escape_debug(),
            c.escape_debug()
        ));
    }
    Ok(())
}

/// Checks a relationship id: non-empty, no control characters, at most 400 characters.
pub fn check_rel_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("relationship id is empty".into());
    }
    if id.len() > 400 {
        return Err("relationship id is longer than 400 bytes".into());
    }
    if id.chars().any(char::is_control) {
        return Err(format!(
            "relationship id '{}' contains a control character",
            id.escape_debug()
        ));
    }
    Ok(())
}

/// A readable id made from a name: transliterated to ASCII, lower case,
/// words joined by `-` (`Пантюхин` → `pantiukhin`, `Igal Halfin` → `igal-halfin`).
pub fn slug(name: &str) -> String {
    let ascii = deunicode::deunicode(name).to_lowercase();
    let mut out = String::new();
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out.truncate(80);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_transliterate() {
        assert_eq!(slug("Пантюхин"), "pantiukhin");
        assert_eq!(slug("Igal  Halfin!"), "igal-halfin");
        assert_eq!(slug("  "), "");
    }

    #[test]
    fn node_ids_reject_separators() {
        assert!(check_node_id("fedchenko").is_ok());
        assert!(check_node_id("лку-1931").is_ok());
        assert!(check_node_id("a/b").unwrap_err().contains("'/'"));
        assert!(check_node_id("a:b").is_err());
        assert!(check_node_id("").is_err());
    }
}
