//! Templates of mapping files: text with `{name}` holes filled from a CSV
//! row (`giaveno-{id}`, `{NAME|slug}`, `{anchor?}`), see [`super::mapping`].

use std::collections::BTreeMap;

/// A text with `{name}` holes.
#[derive(Debug, Clone)]
pub struct Template {
    pieces: Vec<Piece>,
}

#[derive(Debug, Clone)]
enum Piece {
    Lit(String),
    Hole {
        name: String,
        optional: bool,
        filters: Vec<Filter>,
    },
}

#[derive(Debug, Clone, Copy)]
enum Filter {
    Slug,
    Upper,
    Lower,
    Trim,
}

/// The values of one row (and item) by name; names without a value are absent.
pub type Vars = BTreeMap<String, String>;

impl Template {
    /// Parses a template; the error says what is wrong.
    pub fn parse(text: &str) -> Result<Template, String> {
        let mut pieces = Vec::new();
        let mut lit = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    lit.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    lit.push('}');
                }
                '}' => {
                    return Err(format!(
                        "unmatched '}}' in template '{text}' (write '}}}}' for a brace)"
                    ))
                }
                '{' => {
                    let mut inner = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(c) => inner.push(c),
                            None => return Err(format!("unclosed '{{' in template '{text}'")),
                        }
                    }
                    if !lit.is_empty() {
                        pieces.push(Piece::Lit(std::mem::take(&mut lit)));
                    }
                    let mut parts = inner.split('|').map(str::trim);
                    let mut name = parts.next().unwrap_or("").to_string();
                    let optional = name.ends_with('?');
                    if optional {
                        name.pop();
                    }
                    if name.is_empty() {
                        return Err(format!("empty '{{}}' in template '{text}': name a column"));
                    }
                    let filters = parts
                        .map(|f| match f {
                            "slug" => Ok(Filter::Slug),
                            "upper" => Ok(Filter::Upper),
                            "lower" => Ok(Filter::Lower),
                            "trim" => Ok(Filter::Trim),
                            other => Err(format!(
                                "unknown filter '{other}' in template '{text}'; use slug, upper, lower or trim"
                            )),
                        })
                        .collect::<Result<_, _>>()?;
                    pieces.push(Piece::Hole {
                        name,
                        optional,
                        filters,
                    });
                }
                c => lit.push(c),
            }
        }
        if !lit.is_empty() {
            pieces.push(Piece::Lit(lit));
        }
        Ok(Template { pieces })
    }

    /// The names of the template's holes.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Hole { name, .. } => Some(name.as_str()),
            Piece::Lit(_) => None,
        })
    }

    /// The text for one row, `None` if a required hole has no value.
    pub fn render(&self, vars: &Vars) -> Option<String> {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Lit(s) => out.push_str(s),
                Piece::Hole {
                    name,
                    optional,
                    filters,
                } => match vars.get(name) {
                    Some(v) => {
                        let mut v = v.clone();
                        for f in filters {
                            v = match f {
                                Filter::Slug => {
                                    // Soft and hard signs transliterate to
                                    // apostrophes: drop them, not split words.
                                    let ascii = deunicode::deunicode(&v).replace('\'', "");
                                    crate::model::id::slug(&ascii)
                                }
                                Filter::Upper => v.to_uppercase(),
                                Filter::Lower => v.to_lowercase(),
                                Filter::Trim => v.trim().to_string(),
                            };
                        }
                        out.push_str(&v);
                    }
                    None if *optional => {}
                    None => return None,
                },
            }
        }
        Some(out)
    }
}

impl Template {
    /// A template with no holes and no text (stands in after an error).
    pub fn empty() -> Template {
        Template { pieces: Vec::new() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> Vars {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn templates_fill_holes_and_filters() {
        let t = Template::parse("giaveno-{id}").unwrap();
        assert_eq!(
            t.render(&vars(&[("id", "P0002")])).unwrap(),
            "giaveno-P0002"
        );
        assert_eq!(t.render(&vars(&[])), None);
        let t = Template::parse("{name|slug}-{x?}{{}}").unwrap();
        assert_eq!(
            t.render(&vars(&[("name", "Крон Арнольд")])).unwrap(),
            "kron-arnold-{}"
        );
        let t = Template::parse("{a|upper}/{a|lower}").unwrap();
        assert_eq!(t.render(&vars(&[("a", "p0325")])).unwrap(), "P0325/p0325");
        assert!(Template::parse("{a").unwrap_err().contains("unclosed"));
        assert!(Template::parse("{a|shout}")
            .unwrap_err()
            .contains("unknown filter"));
        assert!(Template::parse("a}").unwrap_err().contains("unmatched"));
    }
}
