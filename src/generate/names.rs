//! Russian names in Cyrillic with two transliterations (Library of Congress
//! without diacritics, and BGN/PCGN), as archives spell them.

use super::rng::Rng;

const SURNAMES: [&str; 64] = [
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьёв",
    "Борисов",
    "Яковлев",
    "Григорьев",
    "Романов",
    "Воробьёв",
    "Сергеев",
    "Кузьмин",
    "Фролов",
    "Александров",
    "Дмитриев",
    "Королёв",
    "Гусев",
    "Киселёв",
    "Ильин",
    "Максимов",
    "Поляков",
    "Сорокин",
    "Виноградов",
    "Ковалёв",
    "Белов",
    "Медведев",
    "Антонов",
    "Тарасов",
    "Жуков",
    "Баранов",
    "Филиппов",
    "Комаров",
    "Давыдов",
    "Беляев",
    "Герасимов",
    "Богданов",
    "Осипов",
    "Сидоров",
    "Матвеев",
    "Титов",
    "Марков",
    "Пантюхин",
];

const FIRST_NAMES: [(&str, &str); 32] = [
    ("Иван", "Иванович"),
    ("Пётр", "Петрович"),
    ("Николай", "Николаевич"),
    ("Алексей", "Алексеевич"),
    ("Михаил", "Михайлович"),
    ("Сергей", "Сергеевич"),
    ("Василий", "Васильевич"),
    ("Андрей", "Андреевич"),
    ("Дмитрий", "Дмитриевич"),
    ("Григорий", "Григорьевич"),
    ("Фёдор", "Фёдорович"),
    ("Яков", "Яковлевич"),
    ("Павел", "Павлович"),
    ("Александр", "Александрович"),
    ("Борис", "Борисович"),
    ("Владимир", "Владимирович"),
    ("Георгий", "Георгиевич"),
    ("Константин", "Константинович"),
    ("Илья", "Ильич"),
    ("Семён", "Семёнович"),
    ("Матвей", "Матвеевич"),
    ("Тимофей", "Тимофеевич"),
    ("Лев", "Львович"),
    ("Осип", "Осипович"),
    ("Анна", ""),
    ("Мария", ""),
    ("Елена", ""),
    ("Ольга", ""),
    ("Татьяна", ""),
    ("Вера", ""),
    ("Надежда", ""),
    ("Евгения", ""),
];

/// A person's names: the transliterated display name and its variants.
pub struct PersonName {
    /// `Ivan Petrovich Smirnov` (Library of Congress, no diacritics).
    pub name: String,
    /// Cyrillic full name, BGN/PCGN spelling, and the surname as a source gives it.
    pub names: Vec<String>,
    /// `male` or `female`.
    pub gender: &'static str,
}

/// A random Russian name with its spellings.
pub fn person(rng: &mut Rng) -> PersonName {
    let surname = *rng.pick(&SURNAMES);
    let idx = rng.below(FIRST_NAMES.len());
    let (first, _) = FIRST_NAMES[idx];
    let female = FIRST_NAMES[idx].1.is_empty();
    let father = FIRST_NAMES[rng.below(24)].1;
    let (surname, patronymic) = if female {
        (feminine(surname), feminine_patronymic(father))
    } else {
        (surname.to_string(), father.to_string())
    };
    let cyr = format!("{surname} {first} {patronymic}");
    let loc = format!(
        "{} {} {}",
        translit(first, false),
        translit(&patronymic, false),
        translit(&surname, false)
    );
    let bgn = format!("{} {}", translit(first, true), translit(&surname, true));
    let mut names = vec![cyr, bgn];
    if rng.chance(0.3) {
        names.push(translit(&surname, true));
    }
    PersonName {
        name: loc,
        names,
        gender: if female { "female" } else { "male" },
    }
}

fn feminine(surname: &str) -> String {
    if surname.ends_with("ий") {
        format!("{}ая", surname.trim_end_matches("ий"))
    } else {
        format!("{surname}а")
    }
}

fn feminine_patronymic(p: &str) -> String {
    if let Some(stem) = p.strip_suffix("ич") {
        if stem.ends_with("ьич") || p == "Ильич" {
            return "Ильинична".into();
        }
        format!("{stem}на")
    } else {
        p.to_string()
    }
}

/// Transliterates Cyrillic: Library of Congress without diacritics, or
/// BGN/PCGN (`bgn`: ю → yu, й → y, ё → ye).
pub fn translit(text: &str, bgn: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        let t: &str = match lower {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' => "e",
            'ё' => {
                if bgn {
                    "ye"
                } else {
                    "e"
                }
            }
            'ж' => "zh",
            'з' => "z",
            'и' => "i",
            'й' => {
                if bgn {
                    "y"
                } else {
                    "i"
                }
            }
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ъ' => "",
            'ы' => "y",
            'ь' => {
                if bgn {
                    ""
                } else {
                    "'"
                }
            }
            'э' => "e",
            'ю' => {
                if bgn {
                    "yu"
                } else {
                    "iu"
                }
            }
            'я' => {
                if bgn {
                    "ya"
                } else {
                    "ia"
                }
            }
            _ => {
                out.push(c);
                continue;
            }
        };
        if c != lower {
            let mut cs = t.chars();
            if let Some(f) = cs.next() {
                out.extend(f.to_uppercase());
                out.push_str(cs.as_str());
            }
        } else {
            out.push_str(t);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations() {
        assert_eq!(translit("Пантюхин", false), "Pantiukhin");
        assert_eq!(translit("Пантюхин", true), "Pantyukhin");
        assert_eq!(translit("Соловьёв", false), "Solov'ev");
    }

    #[test]
    fn spellings_fold_together() {
        let mut rng = Rng::new(1);
        for _ in 0..50 {
            let n = person(&mut rng);
            let key = crate::model::name::fold(&n.names[0]);
            assert!(!key.is_empty());
        }
    }
}
