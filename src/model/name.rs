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
/// The rules, in order: transliterate to ASCII and lower-case; keep letters
/// and digits; `w` → `v`; `kh` → `h`; `ch` → `h`; `j`, `y` → `i`; a run of
/// `i` → one `i`; `iu` → `u`, `ia` → `a`, `ie` → `e`, `io` → `o`; a letter
/// repeated next to itself → once. Each rule is one left-to-right pass over
/// one buffer (a name index folds every name of an archive).
///
/// Cost: linear in the length of the name, one allocation for ASCII names.
pub fn fold(name: &str) -> String {
    let mut b: Vec<u8> = Vec::with_capacity(name.len());
    let mut keep = |c: u8| {
        if c.is_ascii_alphanumeric() {
            b.push(c.to_ascii_lowercase());
        }
    };
    if name.is_ascii() {
        name.bytes().for_each(&mut keep);
    } else {
        deunicode::deunicode(name).bytes().for_each(&mut keep);
    }
    for c in &mut b {
        *c = match *c {
            b'w' => b'v',
            c => c,
        };
    }
    pair_to_one(&mut b, *b"kh", b'h');
    pair_to_one(&mut b, *b"ch", b'h');
    for c in &mut b {
        if matches!(*c, b'j' | b'y') {
            *c = b'i';
        }
    }
    b.dedup_by(|c, before| *c == b'i' && *before == b'i');
    for to in [b'u', b'a', b'e', b'o'] {
        pair_to_one(&mut b, [b'i', to], to);
    }
    b.dedup_by(|c, before| c == before && !c.is_ascii_digit());
    b.into_iter().map(char::from).collect()
}

/// Most words remembered per thread (the memo starts over beyond it).
const WORDS: usize = 1 << 16;

/// [`fold`] of one word, remembered per thread: the words of an archive's
/// names repeat (first names, patronymics, common surnames), so an index
/// of every name folds each distinct word once.
fn fold_word(word: &str) -> String {
    use std::cell::RefCell;
    thread_local! {
        static FOLDED: RefCell<foldhash::HashMap<Box<str>, String>> = RefCell::default();
    }
    if word.len() > 32 {
        return fold(word);
    }
    if let Some(k) = FOLDED.with(|m| m.borrow().get(word).cloned()) {
        return k;
    }
    let k = fold(word);
    FOLDED.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= WORDS {
            m.clear();
        }
        m.insert(word.into(), k.clone());
    });
    k
}

/// Replaces each occurrence of `pair`, left to right and not overlapping
/// (as `str::replace` does), by `to`, in place.
fn pair_to_one(b: &mut Vec<u8>, pair: [u8; 2], to: u8) {
    let (mut read, mut write) = (0, 0);
    while read < b.len() {
        if b[read] == pair[0] && b.get(read + 1) == Some(&pair[1]) {
            b[write] = to;
            read += 2;
        } else {
            b[write] = b[read];
            read += 1;
        }
        write += 1;
    }
    b.truncate(write);
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
        keys.extend(words.iter().map(|w| fold_word(w)));
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

    /// The rules as first written, one `str::replace` after another.
    fn fold_by_replace(name: &str) -> String {
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

    proptest::proptest! {
        #[test]
        fn one_pass_per_rule_folds_as_the_replacements_do(
            name in "[a-zA-Z0-9 hijkouwyaecIJKWYH'.-]{0,24}|\\PC{0,12}|[а-яА-ЯёЁ ]{0,16}"
        ) {
            proptest::prop_assert_eq!(fold(&name), fold_by_replace(&name));
        }
    }

    #[test]
    fn folding_rules_cascade_as_written() {
        for name in [
            "Iiiuu",
            "kkhh",
            "chh",
            "yyy",
            "Wwoo",
            "Jio 1122",
            "Ёлкин",
            "iuia",
            "",
        ] {
            assert_eq!(fold(name), fold_by_replace(name), "{name}");
        }
    }

    #[test]
    fn remembered_words_fold_as_fold_does() {
        for _ in 0..2 {
            for w in [
                "Pantiukhin",
                "Пантюхин",
                "Ivanovich",
                "",
                "a-very-long-word-beyond-the-memo-bound",
            ] {
                assert_eq!(fold_word(w), fold(w), "{w}");
            }
        }
        for i in 0..(WORDS + 10) {
            let w = format!("Iv{i}");
            assert_eq!(fold_word(&w), fold(&w));
        }
    }

    #[test]
    fn multiword_names_index_each_word() {
        let k = keys("Igal Halfin");
        assert!(k.contains(&fold("Halfin")));
        assert!(k.contains(&fold("Igal Halfin")));
        assert_eq!(keys("Izak"), vec![fold("Izak")]);
    }
}
