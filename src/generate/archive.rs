//! The synthetic purge archive: who exists, who belongs where, who accused
//! whom and what became of them. Everything is drawn from one seeded
//! generator in a fixed order, so a seed always gives the same archive.

use super::dates::{self, Day};
use super::emit::{props, Emitter, Props};
use super::names;
use super::rng::Rng;
use serde_json::{json, Value};
use std::io::{self, Write};

/// The sources every assertion cites.
const SOURCES: [(&str, &str, &str); 6] = [
    (
        "memorial-lists",
        "Victims of Political Terror in the USSR",
        "Memorial",
    ),
    ("garf-10035", "Criminal case files, fond 10035", "GARF"),
    (
        "rgaspi-17",
        "Party control commission files, fond 17",
        "RGASPI",
    ),
    ("tsgaipd", "Minutes of party cell meetings", "TsGAIPD SPb"),
    ("pravda", "Pravda (newspaper)", "Pravda"),
    (
        "halfin-sim",
        "Stalinist Confessions (synthetic excerpts)",
        "",
    ),
];

const CITIES: [(&str, &str); 8] = [
    ("Leningrad", "Ленинград"),
    ("Moscow", "Москва"),
    ("Kiev", "Киев"),
    ("Kharkov", "Харьков"),
    ("Sverdlovsk", "Свердловск"),
    ("Tomsk", "Томск"),
    ("Kazan'", "Казань"),
    ("Novosibirsk", "Новосибирск"),
];

const INSTITUTION_KINDS: [(&str, &str, &str); 5] = [
    ("university", "University", "университет"),
    ("faculty", "Faculty", "факультет"),
    ("party cell", "Party Cell", "партячейка"),
    ("school", "Technical School", "техникум"),
    ("institute", "Institute", "институт"),
];

const ORGANIZATIONS: [(&str, &str); 4] = [
    ("Komsomol", "комсомол"),
    ("VKP(b)", "ВКП(б)"),
    ("Society of Old Bolsheviks", "Общество старых большевиков"),
    (
        "Trade Union of Educators",
        "профсоюз работников просвещения",
    ),
];

const CHARGES: [&str; 6] = [
    "Trotskyism",
    "Zinovievism",
    "right deviation",
    "counter-revolutionary activity",
    "anti-Soviet agitation",
    "concealing social origin",
];

const ROLES_AT_INSTITUTION: [&str; 5] = ["student", "student", "student", "instructor", "member"];

/// Counts of what was written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Node lines.
    pub nodes: usize,
    /// Relationship lines (derived ACCUSED relationships are not written).
    pub rels: usize,
    /// Accusation events.
    pub accusations: usize,
    /// ACCUSED relationships an import will derive.
    pub derived: usize,
}

struct Builder<'a, W: Write> {
    rng: Rng,
    out: &'a mut Emitter<W>,
    next_rel: usize,
    next_event: usize,
    accusations: usize,
    derived: usize,
}

/// Writes an archive of `persons` people drawn from `seed`.
pub fn write<W: Write>(persons: usize, seed: u64, out: &mut Emitter<W>) -> io::Result<Summary> {
    let mut b = Builder {
        rng: Rng::new(seed),
        out,
        next_rel: 0,
        next_event: 0,
        accusations: 0,
        derived: 0,
    };
    b.sources()?;
    b.places()?;
    let institutions = (persons / 40).max(3);
    b.institutions(institutions)?;
    b.organizations()?;
    let members = b.persons(persons, institutions)?;
    for (inst, people) in members.iter().enumerate() {
        b.cascades(inst, people)?;
    }
    Ok(Summary {
        nodes: b.out.nodes,
        rels: b.out.rels,
        accusations: b.accusations,
        derived: b.derived,
    })
}

impl<W: Write> Builder<'_, W> {
    fn cite(&mut self) -> Value {
        let (id, _, _) = self.rng.pick(&SOURCES);
        let locator = match *id {
            "memorial-lists" => format!("{}", self.rng.range(1, 90_000)),
            "pravda" => format!("19{}-{}", self.rng.range(28, 39), self.rng.range(1, 300)),
            _ => format!(
                "op{}-d{}-l{}",
                self.rng.range(1, 9),
                self.rng.range(1, 4000),
                self.rng.range(1, 300)
            ),
        };
        let mut list = vec![Value::String(format!("{id}:{locator}"))];
        if self.rng.chance(0.15) {
            list.push(Value::String(format!(
                "memorial-lists:{}",
                self.rng.range(1, 90_000)
            )));
        }
        Value::Array(list)
    }

    fn certainty(&mut self) -> Value {
        match self.rng.range(0, 19) {
            0..=15 => Value::Null,
            16..=17 => "probable".into(),
            18 => "possible".into(),
            _ => "doubtful".into(),
        }
    }

    fn rel(&mut self, rel_type: &str, start: &str, end: &str, mut p: Props) -> io::Result<()> {
        self.next_rel += 1;
        let id = format!("r{}", self.next_rel);
        let sources = self.cite();
        p.insert("sources".into(), sources);
        self.out.rel(&id, rel_type, start, end, p)
    }

    fn sources(&mut self) -> io::Result<()> {
        for (i, (id, title, archive)) in SOURCES.iter().enumerate() {
            let archive = if archive.is_empty() {
                Value::Null
            } else {
                json!(archive)
            };
            self.out.node(
                id,
                "Source",
                props([
                    ("title", json!(title)),
                    ("archive", archive),
                    ("year", json!(1990 + i as i64 * 4)),
                ]),
            )?;
        }
        Ok(())
    }

    fn places(&mut self) -> io::Result<()> {
        for (i, (name, cyr)) in CITIES.iter().enumerate() {
            let sources = self.cite();
            self.out.node(
                &format!("place{i}"),
                "Place",
                props([
                    ("name", json!(name)),
                    ("names", json!([cyr])),
                    ("sources", sources),
                ]),
            )?;
        }
        Ok(())
    }

    fn institutions(&mut self, n: usize) -> io::Result<()> {
        for i in 0..n {
            let (kind, en, ru) = *self.rng.pick(&INSTITUTION_KINDS);
            let city = self.rng.below(CITIES.len());
            let sources = self.cite();
            let id = format!("inst{i}");
            self.out.node(
                &id,
                "Institution",
                props([
                    (
                        "name",
                        json!(format!("{} {en} No. {}", CITIES[city].0, i + 1)),
                    ),
                    (
                        "names",
                        json!([format!("{} {ru} № {}", CITIES[city].1, i + 1)]),
                    ),
                    ("kind", json!(kind)),
                    ("sources", sources),
                ]),
            )?;
            self.rel("LOCATED_IN", &id, &format!("place{city}"), Props::new())?;
        }
        Ok(())
    }

    fn organizations(&mut self) -> io::Result<()> {
        for (i, (name, cyr)) in ORGANIZATIONS.iter().enumerate() {
            let sources = self.cite();
            self.out.node(
                &format!("org{i}"),
                "Organization",
                props([
                    ("name", json!(name)),
                    ("names", json!([cyr])),
                    ("kind", json!("party body")),
                    ("sources", sources),
                ]),
            )?;
        }
        Ok(())
    }

    /// Writes the people, their memberships and fates; returns the members
    /// of each institution (Zipf-like sizes: rank r gets weight 1/r).
    fn persons(&mut self, n: usize, institutions: usize) -> io::Result<Vec<Vec<usize>>> {
        let mut cumulative = Vec::with_capacity(institutions);
        let mut total = 0.0;
        for r in 0..institutions {
            total += 1.0 / (r as f64 + 1.0);
            cumulative.push(total);
        }
        let mut members = vec![Vec::new(); institutions];
        for i in 0..n {
            let x = (self.rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * total;
            let inst = cumulative.partition_point(|c| *c < x).min(institutions - 1);
            members[inst].push(i);
            self.person(i, inst)?;
        }
        Ok(members)
    }

    fn person(&mut self, i: usize, inst: usize) -> io::Result<()> {
        let id = format!("p{i}");
        let name = names::person(&mut self.rng);
        let born = Day::random(&mut self.rng, 1880, 1912);
        let born_text = match self.rng.range(0, 3) {
            0 => born.full(),
            1 => born.year().to_string(),
            2 => format!("{}?", born.year()),
            _ => format!("{}~", born.year()),
        };
        let party = if self.rng.chance(0.6) {
            json!("VKP(b)")
        } else {
            Value::Null
        };
        let sources = self.cite();
        let certainty = self.certainty();
        self.out.node(
            &id,
            "Person",
            props([
                ("name", json!(name.name)),
                ("names", json!(name.names)),
                ("gender", json!(name.gender)),
                ("born", json!(born_text)),
                ("party", party),
                ("sources", sources),
                ("certainty", certainty),
            ]),
        )?;
        let start = Day::random(&mut self.rng, 1925, 1934);
        let months = self.rng.range(6, 72) as i32;
        let date = dates::interval(&mut self.rng, start, months);
        let role = *self.rng.pick(&ROLES_AT_INSTITUTION);
        self.rel(
            "MEMBER_OF",
            &id,
            &format!("inst{inst}"),
            props([("role", json!(role)), ("date", json!(date))]),
        )?;
        if self.rng.chance(0.3) {
            let org = self.rng.below(ORGANIZATIONS.len());
            let start = Day::random(&mut self.rng, 1925, 1936);
            let months = self.rng.range(12, 120) as i32;
            let date = dates::interval(&mut self.rng, start, months);
            self.rel(
                "MEMBER_OF",
                &id,
                &format!("org{org}"),
                props([("role", json!("member")), ("date", json!(date))]),
            )?;
        }
        self.fates(&id)
    }

    /// 0–3 fate events in order: arrest, sentence, then execution or
    /// release, and rehabilitation after release or execution.
    fn fates(&mut self, person: &str) -> io::Result<()> {
        let count = match self.rng.range(0, 9) {
            0..=3 => 0,
            4..=5 => 1,
            6..=7 => 2,
            _ => 3,
        };
        let mut day = Day::random(&mut self.rng, 1930, 1941);
        let executed = self.rng.chance(0.4);
        let kinds: [&str; 3] = [
            "arrest",
            "sentence",
            if executed { "execution" } else { "release" },
        ];
        for kind in kinds.iter().take(count) {
            self.fate(person, kind, day)?;
            day =
                day.plus_months(self.rng.range(1, if *kind == "sentence" { 60 } else { 8 }) as i32);
        }
        if count == 3 && self.rng.chance(0.5) {
            let rehab = Day::random(&mut self.rng, 1954, 1960);
            self.fate(person, "rehabilitation", rehab)?;
        }
        Ok(())
    }

    fn fate(&mut self, person: &str, kind: &str, day: Day) -> io::Result<()> {
        self.next_event += 1;
        let id = format!("e{}", self.next_event);
        let date = dates::edtf(&mut self.rng, day);
        let article = if kind == "sentence" {
            json!(*self.rng.pick(&["58-10", "58-8", "58-11", "58-1a"]))
        } else {
            Value::Null
        };
        let sources = self.cite();
        self.out.node(
            &id,
            "Event",
            props([
                ("kind", json!(kind)),
                ("date", json!(date)),
                ("article", article),
                ("sources", sources),
            ]),
        )?;
        self.rel(
            "PARTICIPATED_IN",
            person,
            &id,
            props([("role", json!("subject"))]),
        )?;
        let city = self.rng.below(CITIES.len());
        self.rel("AT", &id, &format!("place{city}"), Props::new())
    }

    /// Accusation cascades inside one institution: the accused of one step
    /// accuse in the next, over 3–8 steps.
    fn cascades(&mut self, inst: usize, people: &[usize]) -> io::Result<()> {
        if people.len() < 4 {
            return Ok(());
        }
        let count = people.len().div_ceil(25);
        for _ in 0..count {
            let steps = self.rng.range(3, 8);
            let mut day = Day::random(&mut self.rng, 1929, 1937);
            let mut accusers: Vec<usize> = self.draw(people, 1, 3, &[]);
            for _ in 0..steps {
                let accused = self.draw(people, 1, 4, &accusers);
                if accused.is_empty() {
                    break;
                }
                self.accusation(inst, day, &accusers, &accused)?;
                let keep = self.rng.range(1, 3) as usize;
                accusers = accused.into_iter().take(keep).collect();
                day = day.plus_months(self.rng.range(1, 6) as i32);
            }
        }
        Ok(())
    }

    /// `lo..=hi` distinct people of `people`, none of `except`.
    fn draw(&mut self, people: &[usize], lo: u64, hi: u64, except: &[usize]) -> Vec<usize> {
        let want = self.rng.range(lo, hi) as usize;
        let mut out = Vec::with_capacity(want);
        for _ in 0..want * 4 {
            if out.len() == want {
                break;
            }
            let p = *self.rng.pick(people);
            if !out.contains(&p) && !except.contains(&p) {
                out.push(p);
            }
        }
        out
    }

    fn accusation(
        &mut self,
        inst: usize,
        day: Day,
        accusers: &[usize],
        accused: &[usize],
    ) -> io::Result<()> {
        self.next_event += 1;
        self.accusations += 1;
        self.derived += accusers.len() * accused.len();
        let id = format!("e{}", self.next_event);
        let date = dates::edtf(&mut self.rng, day);
        let date_text = if self.rng.chance(0.1) {
            json!(format!("at a meeting, {}", day.year()))
        } else {
            Value::Null
        };
        let charge = *self.rng.pick(&CHARGES);
        let sources = self.cite();
        let certainty = self.certainty();
        self.out.node(
            &id,
            "Event",
            props([
                ("kind", json!("accusation")),
                ("date", json!(date)),
                ("date_text", date_text),
                ("charge", json!(charge)),
                ("sources", sources),
                ("certainty", certainty),
            ]),
        )?;
        self.rel("AT", &id, &format!("inst{inst}"), Props::new())?;
        for (role, people) in [("accuser", accusers), ("accused", accused)] {
            for p in people {
                self.rel(
                    "PARTICIPATED_IN",
                    &format!("p{p}"),
                    &id,
                    props([("role", json!(role))]),
                )?;
            }
        }
        Ok(())
    }
}
