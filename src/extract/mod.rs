//! Entity extraction: datelines, countries and people from article text. [`enrich`] fills an
//! [`Article`]'s `countries` (canonical ids, see `data/README.md`) and `people` (display names),
//! canonicalising source tags and, depending on [`ExtractMode`], adding what the text mentions.

pub mod countries;
pub mod people;
pub mod record;
mod text;

pub use record::ExtractRecord;

use crate::article::{field, Article};
use crate::gazetteer;
use people::canonical::{expand_surnames, is_surname_only, SurnameEvidence};

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

/// Why extraction cannot run.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ExtractError {
    /// The country names, aliases, demonyms and cities of the gazetteer could not be
    /// compiled into the automaton that finds them in text.
    #[error("cannot compile the {patterns} country patterns into a matcher")]
    CountryPatterns {
        /// How many patterns there were.
        patterns: usize,
        #[source]
        source: aho_corasick::BuildError,
    },
}

/// Countries and people found in one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Entities {
    /// Canonical country ids in order of first mention.
    pub countries: Vec<String>,
    /// Person display names in order of first mention (the people the story
    /// is about: not its reporters and editors).
    pub people: Vec<String>,
    /// Names of the story's credit lines and byline (`Reporting by ...`), for `author`.
    pub authors: Vec<String>,
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

/// Period-correct country ids for a story dated `date`: before reunification
/// `Germany`/`Frankfurt` mean West Germany, before 1992 `Russia`/`Moscow` the
/// Soviet Union, and so on (`data/successions.tsv`). Duplicates after mapping are dropped.
fn period_correct(countries: Vec<String>, date: chrono::NaiveDate) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(countries.len());
    for c in countries {
        let c = gazetteer::successions()
            .iter()
            .find(|s| s.successor == c && date < s.ended)
            .map(|s| s.historic.to_string())
            .unwrap_or(c);
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// Extraction ready to run in one [`ExtractMode`]: creating one builds the tables the mode
/// needs (or waits for [`warm_up`] to finish them) and is where a table that cannot be built
/// is reported, once; enriching with it then cannot fail.
#[derive(Clone, Copy)]
pub struct Extractor {
    mode: ExtractMode,
    /// `None` in [`ExtractMode::Never`], which needs no tables.
    countries: Option<countries::CountryFinder>,
}

impl Extractor {
    /// Extraction in `mode`, its tables built.
    pub fn new(mode: ExtractMode) -> Result<Extractor, ExtractError> {
        let countries = match mode {
            ExtractMode::Never => None,
            ExtractMode::Auto | ExtractMode::Always => Some(countries::CountryFinder::new()?),
        };
        Ok(Extractor { mode, countries })
    }

    /// Canonicalise `article.countries` and, as the mode says, add the countries and people
    /// found in its text.
    pub fn enrich(&self, article: &mut Article) {
        self.enrich_noting(article, &mut SurnameEvidence::default());
    }

    /// [`Extractor::enrich`], noting in `evidence` the source tags that are a surname alone
    /// with the full name the article's text gives (`Reagan` → `Ronald Reagan`); the tags
    /// themselves are left as they are (the index-wide fold applies the evidence).
    pub fn enrich_noting(&self, article: &mut Article, evidence: &mut SurnameEvidence) {
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
        let run = match self.mode {
            ExtractMode::Auto => !article.tagged,
            ExtractMode::Always => true,
            ExtractMode::Never => false,
        };
        let mut named: Option<Vec<String>> = None;
        if let Some(finder) = self.countries.filter(|_| run) {
            let found = entities(finder, article);
            for c in found.countries {
                push_country(&mut countries, c);
            }
            named = Some(found.people.clone());
            for p in found.people {
                push_person(&mut people, &mut people_keys, p);
            }
            // Reporters and editors are the byline, not people the story is about.
            if article.value(field::AUTHOR).is_none() && !found.authors.is_empty() {
                article.set_value(field::AUTHOR, Some(found.authors.join(", ")));
            }
        }
        // A source's surname alone (Reuters `reagan`): the full name the story gives is
        // evidence of whom the source means.
        if self.mode != ExtractMode::Never && people.iter().any(|p| is_surname_only(p)) {
            let named = named.unwrap_or_else(|| {
                let (body, _) = people::split_credits(&article.body);
                people::find_people(&article.title, &body)
            });
            // Noted, not applied here: the story may name another bearer of the
            // surname (a Reuters `reagan` story naming only `Nancy Reagan`); the
            // index-wide fold gives every story of the source the name most of its
            // stories give.
            let source = article.value(field::SOURCE).unwrap_or("").to_string();
            let mut expanded = people.clone();
            for (surname, full) in expand_surnames(&mut expanded, &named) {
                evidence.note(&source, &surname, &full);
            }
        }
        article.set_values(field::COUNTRY, countries);
        article.set_values(field::PERSON, people);
    }
}

/// Countries and people mentioned in the article's title, dateline cities and body.
/// Countries are period-correct when the article has a date.
fn entities(finder: countries::CountryFinder, article: &Article) -> Entities {
    // The region after the dateline's cities (`Fla.`) is not stored; it is read again here.
    let region = article
        .dateline
        .as_deref()
        .and_then(|raw| crate::parse::dateline::recognize(&format!("{raw} - ")))
        .and_then(|lead| lead.region);
    // People first: a city opening one of their names (`Milan Mandaric`) is no place.
    let (body, authors) = people::split_credits(&article.body);
    let people = people::find_people(&article.title, &body);
    let mut countries = finder.find_with_people(
        &article.title,
        &article.body,
        article.dateline_cities(),
        region.as_deref(),
        &people,
    );
    if let Some(d) = article.date {
        countries = period_correct(countries, d.date_naive());
    }
    Entities {
        countries,
        people,
        authors,
    }
}

/// Countries and people mentioned in the article's title, dateline cities and body.
/// Countries are period-correct when the article has a date.
pub fn extract(article: &Article) -> Result<Entities, ExtractError> {
    Ok(entities(countries::CountryFinder::new()?, article))
}

/// Build every table extraction uses (gazetteer, country patterns, people word lists) now,
/// e.g. on a background thread while inputs are walked, instead of on first use.
pub fn warm_up() -> Result<(), ExtractError> {
    // The country automaton and the people tables take similar time to
    // build; on two threads the first articles wait for the slower one only.
    std::thread::scope(|s| {
        let countries = s.spawn(countries::warm_up);
        people::warm_up();
        countries
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e))
    })?;
    Ok(())
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

/// Canonicalise `article.countries` and, as `mode` says, add the countries and people found
/// in its text. To enrich many articles, make one [`Extractor`].
pub fn enrich(article: &mut Article, mode: ExtractMode) -> Result<(), ExtractError> {
    Extractor::new(mode)?.enrich(article);
    Ok(())
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
        };
        let e = extract(&a).unwrap();
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
        // The credit line names the story's authors, not people it is about.
        let found = extract(&with_credit).unwrap();
        assert_eq!(
            found.people,
            ["Yuri Borisov", "Nicolás Maduro", "Delcy Rodríguez"]
        );
        assert_eq!(found.authors, ["Vivian Sequera", "Deisy Buitrago"]);
        let mut enriched = with_credit.clone();
        enrich(&mut enriched, ExtractMode::Auto).unwrap();
        assert_eq!(
            enriched.value(field::AUTHOR),
            Some("Vivian Sequera, Deisy Buitrago")
        );
        assert!(!enriched.people().iter().any(|p| p == "Deisy Buitrago"));
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
        enrich(&mut a, ExtractMode::Auto).unwrap();
        assert_eq!(a.countries(), ["usa", "west-germany", "atlantis"]);
        let mut a = tagged.clone();
        enrich(&mut a, ExtractMode::Always).unwrap();
        assert_eq!(a.countries(), ["usa", "west-germany", "atlantis", "japan"]);
        let mut a = tagged.clone();
        a.tagged = false;
        enrich(&mut a, ExtractMode::Never).unwrap();
        assert_eq!(a.countries(), ["usa", "west-germany", "atlantis"]);
        let mut a = tagged;
        a.tagged = false;
        a.set_values(field::COUNTRY, Vec::new());
        enrich(&mut a, ExtractMode::Auto).unwrap();
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
        let n = countries::warm_up().unwrap();
        let _ = people::find_people("", "Mr Warm Up said.");
        println!("build: {:.3} s, {n} patterns", t0.elapsed().as_secs_f64());
        let mut counts: rustc_hash::FxHashMap<String, usize> = Default::default();
        let mut pcounts: rustc_hash::FxHashMap<String, usize> = Default::default();
        let t = Instant::now();
        let mut nc = 0;
        let mut np = 0;
        for (title, body) in &docs {
            let c = countries::find_countries(title, body, &[]).unwrap();
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
            let _ = countries::find_countries(title, body, &[]).unwrap();
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
                let c = countries::find_countries(title, body, &[]).unwrap();
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
