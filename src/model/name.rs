//! Name folding for the name index: one key for the spellings of a name.
//!
//! Archival names come in Cyrillic, in several transliteration systems
//! (Pantiukhin, Pantyukhin, German Pantjuchin) and with diacritics. The key
//! folds case, diacritics, script and the common transliteration variants,
//! so all of them meet. A key may match more people than the exact name
//! does; lookups then list the candidates.

/// The folded key of a name: `Пантюхин`, `Pantiukhin`, `Pantyukhin` and
/// `pantjuchin` all give `pantuhin`. Only letters and digits survive.
///
/// Cost: linear in the length of the name.
pub fn fold(name: &str) -> String {
    let ascii = deunicode::deunicode(name).to_lowercase();
    let mut s: String = ascii.chars().filter(char::is_ascii_alphanumeric).collect();
    for (from, to) in [("w", "v"), ("kh", "h"), ("ch", "h")] {
        s = s.replace(from, to);
    }
    s = s.replace(['j', 'y'], "i");
    while s.contains("ii") {
        s = s.replace("ii", "i");
    }
    for (from, to) in [("iu", "u"), ("ia", "a"), ("ie", "e"), ("io", "o")] {
        s = s.replace(from, to);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !out.ends_with(c) || c.is_ascii_digit() {
            out.push(c);
        }
    }
    out
}

/// The keys a name is indexed under: the folded whole name and, for a name
/// of several words, each word of two or more letters.
pub fn keys(name: &str) -> Vec<String> {
    let mut keys = vec![fold(name)];
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '-' | '(' | ')'))
        .filter(|w| w.chars().count() >= 2)
        .collect();
    if words.len() > 1 {
        keys.extend(words.iter().map(|w| fold(w)));
    }
    keys.retain(|k| !k.is_empty());
    keys.sort();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_meet() {
        let key = fold("Pantiukhin");
        for variant in ["Пантюхин", "Pantyukhin", "pantjuchin", "PANTIUKHIN"] {
            assert_eq!(fold(variant), key, "{variant}");
        }
        assert_eq!(fold("Дмитриев"), fold("Dmitrijew"));
        assert_eq!(fold("Dmitriev"), fold("Dmitriyev"));
        assert_eq!(fold("Федченко"), fold("Fedchenko"));
        assert_eq!(fold("Zinov'ev"), fold("Зиновьев"));
    }

    #[test]
    fn distinct_names_stay_apart() {
        assert_ne!(fold("Izak"), fold("Dmitriev"));
        assert_ne!(fold("Fedchenko"), fold("Pantiukhin"));
    }

    #[test]
    fn diacritics_fold() {
        assert_eq!(fold("Estévez"), fold("estevez"));
    }

    #[test]
    fn multiword_names_index_each_word() {
        let k = keys("Igal Halfin");
        assert!(k.contains(&fold("Halfin")));
        assert!(k.contains(&fold("Igal Halfin")));
        assert_eq!(keys("Izak"), vec![fold("Izak")]);
    }
}
