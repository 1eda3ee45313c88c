//! Entity extraction: datelines, countries and people from article text. [`enrich`] fills an
//! [`Article`]'s `countries` (canonical ids, see `data/README.md`) and `people` (display names),
//! canonicalising source tags and, depending on [`ExtractMode`], adding what the text mentions.

pub mod countries;
pub mod dateline;
pub mod gazetteer;
pub mod people;
pub mod record;

pub use record::ExtractRecord;

use crate::article::{field, Article};

/// When to run text extraction in [`enrich`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExtractMode {
    /// Extract only for articles whose source gave no tags (`article.tagged == false`).
    #[default]
    Auto,
    /// Extract on every article; on tagged ones, add what is found to the tags.
    Always,
    /// Never extract; only canonicalise the tags.
    Never,
}

/// Countries and people found in one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Entities {
    /// Canonical country ids in order of first mention.
    pub countries: Vec<String>,
    /// Person display names in order of first mention.
    pub people: Vec<String>,
}

/// Canonical id for a country tag (Reuters code, ISO code, name, alias); unknown tags become a lowercase slug.
pub fn canonical_country(tag: &str) -> String {
    match gazetteer::resolve_country(tag) {
        Some(c) => c.id.clone(),
        None => {
            let f = gazetteer::fold(tag);
            let mut s = String::with_capacity(f.len());
            for ch in f.chars() {
                if ch.is_ascii_alphanumeric() {
                    s.push(ch);
                } else if !s.ends_with('-') && !s.is_empty() {
                    s.push('-');
                }
            }
            s.trim_end_matches('-').to_string()
        }
    }
}

/// (successor id, historic state id, first day the historic state no longer existed).
const SUCCESSIONS: &[(&str, &str, (i32, u32, u32))] = &[
    ("germany", "west-germany", (1990, 10, 3)),
    ("russia", "ussr", (1991, 12, 26)),
    ("serbia", "yugoslavia", (1992, 4, 27)),
    ("czech-republic", "czechoslovakia", (1993, 1, 1)),
    ("slovakia", "czechoslovakia", (1993, 1, 1)),
];

/// Period-correct country ids for a story dated `date`: before reunification
/// `Germany`/`Frankfurt` mean West Germany, before 1992 `Russia`/`Moscow` the
/// Soviet Union, and so on. Duplicates after mapping are dropped.
fn period_correct(countries: Vec<String>, date: chrono::NaiveDate) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(countries.len());
    for c in countries {
        let c = SUCCESSIONS
            .iter()
            .find(|(succ, _, (y, m, d))| {
                *succ == c
                    && chrono::NaiveDate::from_ymd_opt(*y, *m, *d).is_some_and(|end| date < end)
            })
            .map(|(_, hist, _)| hist.to_string())
            .unwrap_or(c);
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// Countries and people mentioned in the article's title, dateline cities and body.
/// Countries are period-correct when the article has a date.
pub fn extract(article: &Article) -> Entities {
    let mut countries =
        countries::find_countries(&article.title, &article.body, article.dateline_cities());
    if let Some(d) = article.date {
        countries = period_correct(countries, d.date_naive());
    }
    Entities {
        countries,
        people: people::find_people(&article.title, &article.body),
    }
}

/// Build every table extraction uses (gazetteer, country patterns, people word lists) now,
/// e.g. on a background thread while inputs are walked, instead of on first use.
pub fn warm_up() {
    // The country automaton and the people tables take similar time to
    // build; on two threads the first articles wait for the slower one only.
    std::thread::scope(|s| {
        s.spawn(|| {
            countries::warm_up();
        });
        people::warm_up();
    });
}

/// Push the country id `c` unless it is empty or already in `v`.
fn push_country(v: &mut Vec<String>, c: String) {
    if !c.is_empty() && !v.contains(&c) {
        v.push(c);
    }
}

/// Push the person `p` unless its folded form (empty, or already in `keys`,
/// the folded forms of `v`) says it is there; folding once per name.
fn push_person(v: &mut Vec<String>, keys: &mut Vec<String>, p: String) {
    let k = gazetteer::fold(&p);
    if !k.is_empty() && !keys.contains(&k) {
        v.push(p);
        keys.push(k);
    }
}

/// Canonicalise `article.countries` and, as `mode` says, add the countries and people found in its text.
pub fn enrich(article: &mut Article, mode: ExtractMode) {
    let mut countries: Vec<String> = Vec::with_capacity(article.countries().len());
    for tag in article.countries() {
        push_country(&mut countries, canonical_country(tag));
    }
    let mut people: Vec<String> = Vec::with_capacity(article.people().len());
    let mut people_keys: Vec<String> = Vec::with_capacity(article.people().len());
    for p in article.people() {
        let p = p.split_whitespace().collect::<Vec<_>>().join(" ");
        push_person(&mut people, &mut people_keys, p);
    }
    let run = match mode {
        ExtractMode::Auto => !article.tagged,
        ExtractMode::Always => true,
        ExtractMode::Never => false,
    };
    if run {
        let found = extract(article);
        for c in found.countries {
            push_country(&mut countries, c);
        }
        for p in found.people {
            push_person(&mut people, &mut people_keys, p);
        }
    }
    article.set_values(field::COUNTRY, countries);
    article.set_values(field::PERSON, people);
}

#[cfg(test)]
mod tests {
    use super::*;

    const CARACAS: &str = "CARACAS (Reuters) - Russian Deputy Prime Minister Yuri Borisov, \
visiting Venezuela, said on Wednesday that Moscow would keep supporting the government of \
President Nicolás Maduro.\n\nMaduro said the two countries had signed new oil and military \
agreements. Vice President Delcy Rodríguez said Venezuela would also deepen ties with \
Nicaragua and Cuba, and accused neighbouring Colombia of plotting against Caracas.\n\n\
Borisov later met Rodríguez at the Miraflores palace.";

    #[test]
    fn caracas_wire_story() {
        let a = Article {
            title: "Russia pledges support for Venezuela's Maduro".into(),
            body: CARACAS.into(),
            ..Default::default()
        }
        .with_values(field::DATELINE_CITY, ["Caracas"]);
        let e = extract(&a);
        for id in ["russia", "venezuela", "nicaragua", "cuba", "colombia"] {
            assert!(
                e.countries.contains(&id.to_string()),
                "{id} in {:?}",
                e.countries
            );
        }
        assert!(!e.countries.contains(&"ussr".to_string()));
        assert_eq!(
            e.people,
            ["Yuri Borisov", "Nicolás Maduro", "Delcy Rodríguez"]
        );

        let with_credit = Article {
            body: format!("{CARACAS}\n\n(Reporting by Vivian Sequera; Editing by Deisy Buitrago)"),
            ..a
        };
        assert_eq!(
            extract(&with_credit).people,
            [
                "Yuri Borisov",
                "Nicolás Maduro",
                "Delcy Rodríguez",
                "Vivian Sequera",
                "Deisy Buitrago"
            ]
        );
    }

    #[test]
    fn period_correct_by_date() {
        let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            period_correct(
                v(&["germany", "west-germany", "russia", "japan"]),
                d(1987, 3, 2)
            ),
            ["west-germany", "ussr", "japan"]
        );
        assert_eq!(
            period_correct(v(&["germany", "russia"]), d(2005, 1, 1)),
            ["germany", "russia"]
        );
        assert_eq!(period_correct(v(&["russia"]), d(1991, 12, 31)), ["russia"]);
    }

    #[test]
    fn enrich_modes() {
        let tagged = Article {
            title: "Japan trade".into(),
            body: "Talks in Tokyo and Bonn.".into(),
            tagged: true,
            ..Default::default()
        }
        .with_values(field::COUNTRY, ["usa", "West Germany", "Atlantis", "U.S."]);
        let mut a = tagged.clone();
        enrich(&mut a, ExtractMode::Auto);
        assert_eq!(a.countries(), ["usa", "west-germany", "atlantis"]);
        let mut a = tagged.clone();
        enrich(&mut a, ExtractMode::Always);
        assert_eq!(a.countries(), ["usa", "west-germany", "atlantis", "japan"]);
        let mut a = tagged.clone();
        a.tagged = false;
        enrich(&mut a, ExtractMode::Never);
        assert_eq!(a.countries(), ["usa", "west-germany", "atlantis"]);
        let mut a = tagged;
        a.tagged = false;
        a.set_values(field::COUNTRY, Vec::new());
        enrich(&mut a, ExtractMode::Auto);
        assert_eq!(a.countries(), ["japan", "west-germany"]);
        assert_eq!(canonical_country("Lower Slobbovia!"), "lower-slobbovia");
    }
}

#[cfg(test)]
mod throughput {
    use super::*;
    use std::time::Instant;

    /// `cargo test --release --lib extract::throughput -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn bbc_throughput() {
        let Some(dir) = gazetteer::tests::corpus_dir() else {
            return;
        };
        let mut docs: Vec<(String, String)> = Vec::new();
        for entry in walkdir::WalkDir::new(dir.join("bbc")).sort_by_file_name() {
            let Ok(entry) = entry else { continue };
            if entry.path().extension().is_some_and(|e| e == "txt") {
                let Ok(bytes) = std::fs::read(entry.path()) else {
                    continue;
                };
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let (title, body) = text.split_once('\n').unwrap_or((&text, ""));
                docs.push((title.to_string(), body.to_string()));
            }
        }
        let bytes: usize = docs.iter().map(|(t, b)| t.len() + b.len()).sum();
        let t0 = Instant::now();
        let n = countries::warm_up();
        let _ = people::find_people("", "Mr Warm Up said.");
        println!("build: {:.3} s, {n} patterns", t0.elapsed().as_secs_f64());
        let mut counts: rustc_hash::FxHashMap<String, usize> = Default::default();
        let mut pcounts: rustc_hash::FxHashMap<String, usize> = Default::default();
        let t = Instant::now();
        let mut nc = 0;
        let mut np = 0;
        for (title, body) in &docs {
            let c = countries::find_countries(title, body, &[]);
            let p = people::find_people(title, body);
            nc += c.len();
            np += p.len();
            for x in c {
                *counts.entry(x).or_default() += 1;
            }
            for x in p {
                *pcounts.entry(x).or_default() += 1;
            }
        }
        let s = t.elapsed().as_secs_f64();
        println!(
            "{} docs, {:.1} MB, {:.3} s, {:.1} MB/s; {} country + {} person mentions",
            docs.len(),
            bytes as f64 / 1e6,
            s,
            bytes as f64 / 1e6 / s,
            nc,
            np
        );
        let t = Instant::now();
        for (title, body) in &docs {
            let _ = countries::find_countries(title, body, &[]);
        }
        println!(
            "countries only: {:.1} MB/s",
            bytes as f64 / 1e6 / t.elapsed().as_secs_f64()
        );
        let t = Instant::now();
        for (title, body) in &docs {
            let _ = people::find_people(title, body);
        }
        println!(
            "people only: {:.1} MB/s",
            bytes as f64 / 1e6 / t.elapsed().as_secs_f64()
        );
        let mut v: Vec<_> = counts.into_iter().collect();
        v.sort_by_key(|x| std::cmp::Reverse(x.1));
        println!("top countries: {:?}", &v[..v.len().min(40)]);
        let mut v: Vec<_> = pcounts.into_iter().collect();
        v.sort_by_key(|x| std::cmp::Reverse(x.1));
        println!("top people: {:?}", &v[..v.len().min(150)]);
    }

    fn between<'a>(s: &'a str, open: &str, close: &str) -> &'a str {
        s.find(open)
            .and_then(|i| {
                let rest = &s[i + open.len()..];
                rest.find(close).map(|j| &rest[..j])
            })
            .unwrap_or("")
    }

    /// Eyeball check on raw Reuters SGML (crude tag cut, no parser):
    /// `cargo test --release --lib extract::throughput::reuters -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn reuters_sample() {
        let Some(dir) = gazetteer::tests::corpus_dir() else {
            return;
        };
        let mut counts: rustc_hash::FxHashMap<String, usize> = Default::default();
        let mut pcounts: rustc_hash::FxHashMap<String, usize> = Default::default();
        let (mut bytes, mut t) = (0usize, 0f64);
        for n in 0..3 {
            let Ok(raw) = std::fs::read(dir.join(format!("reuters21578/reut2-{n:03}.sgm"))) else {
                continue;
            };
            let raw = String::from_utf8_lossy(&raw)
                .replace("&lt;", "<")
                .replace("&amp;", "&");
            for doc in raw.split("</REUTERS>") {
                let title = between(doc, "<TITLE>", "</TITLE>");
                let body = between(doc, "<BODY>", "</BODY>");
                bytes += title.len() + body.len();
                let t0 = Instant::now();
                let c = countries::find_countries(title, body, &[]);
                let p = people::find_people(title, body);
                t += t0.elapsed().as_secs_f64();
                for x in c {
                    *counts.entry(x).or_default() += 1;
                }
                for x in p {
                    *pcounts.entry(x).or_default() += 1;
                }
            }
        }
        println!(
            "{:.1} MB at {:.1} MB/s",
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / t
        );
        let mut v: Vec<_> = counts.into_iter().collect();
        v.sort_by_key(|x| std::cmp::Reverse(x.1));
        println!("top countries: {:?}", &v[..v.len().min(60)]);
        let mut v: Vec<_> = pcounts.into_iter().collect();
        v.sort_by_key(|x| std::cmp::Reverse(x.1));
        println!("top people: {:?}", &v[..v.len().min(200)]);
    }
}
