//! Plain-text parser: one article per `.txt` file.
//!
//! A file may open with a header block of `Key: value` lines (`Title:`,
//! `Date:`, `Source:`, `Author:`, `URL:`, `Dateline:`, `Section:`) ended by a
//! blank line. Without a `Title:` header, a short first line followed by a
//! blank line is the title (the BBC layout). A dateline lead at the start of
//! the body (`CARACAS (Reuters) - `) is moved into `dateline`,
//! `dateline_cities` and `agency`; trailing web boilerplate lines (`What do
//! you think?`, `Share this`, `Read more:` ...) are dropped.
//!
//! The id is the file's key (see [`super::id`]): `business/001` for
//! `bbc/business/001.txt` when `bbc` was given. When the grand-parent folder is `bbc`, the parent folder is the section
//! (also added to `topics`) and `source` defaults to `bbc`.

use std::path::Path;
use std::sync::LazyLock;

use super::{
    decode_file, id, parse_date_lenient, set_given_dateline, strip_controls, take_dateline,
    ParsedFile, Warning, WarningKind,
};
use crate::article::{field, Article};
use crate::gazetteer::list_entries;
use crate::schema::declaration;

/// Longest first line still taken as a title.
const MAX_TITLE: usize = 200;

/// Line openings (lower case) of web boilerplate dropped from the end of a body.
static BOILERPLATE: LazyLock<Vec<&str>> =
    LazyLock::new(|| list_entries(include_str!("../../data/parse/boilerplate.txt")).collect());

/// Parses one plain-text article file, as if named by itself.
pub fn parse(path: &Path, bytes: &[u8]) -> ParsedFile {
    parse_as(path, &id::lone_file_key(path), bytes)
}

/// Parses one plain-text article file whose id is `key`.
pub fn parse_as(path: &Path, key: &str, bytes: &[u8]) -> ParsedFile {
    let mut out = ParsedFile::default();
    let text = decode_file(path, bytes, &mut out.warnings);
    let text = strip_controls(&text.replace("\r\n", "\n")).into_owned();
    if text.trim().is_empty() {
        out.warnings
            .push(Warning::new(path, None, WarningKind::Empty, "empty file"));
        return out;
    }

    let mut a = Article {
        id: key.to_string(),
        path: path.display().to_string(),
        ..Article::default()
    };
    let (header, rest) = split_header(&text);
    let mut given_dateline = None;
    let mut date_text = None;
    for (key, value) in header {
        let value = value.trim().to_string();
        if value.is_empty() {
            continue;
        }
        match key.as_str() {
            "title" => a.title = value,
            "date" => date_text = Some(value),
            "dateline" => given_dateline = Some(value),
            // Any declared keyword field, by its input names (`source`,
            // `author`/`by`, `url`, `section`, `language`, ...).
            other => {
                if let Some(decl) = declaration()
                    .attributes()
                    .find(|d| d.input.iter().any(|k| k == other))
                {
                    if decl.many {
                        a.add_value(&decl.name, value);
                    } else if a.value(&decl.name).is_none() {
                        a.set_value(&decl.name, Some(value));
                    }
                }
            }
        }
    }

    let mut body = rest.trim_start_matches('\n');
    if a.title.is_empty() {
        if let Some((title, after)) = title_line(body) {
            a.title = title.to_string();
            body = after;
        }
    }
    a.body = drop_boilerplate(body.trim());
    match given_dateline {
        Some(d) => set_given_dateline(&mut a, &d),
        None => take_dateline(&mut a),
    }

    if let Some(raw) = date_text {
        a.date = parse_date_lenient(&raw);
        if a.date.is_none() {
            out.warnings.push(Warning::new(
                path,
                None,
                WarningKind::BadDate,
                format!("bad date '{raw}'"),
            ));
        }
    }

    let parent = folder_name(path.parent());
    let grand_parent = folder_name(path.parent().and_then(Path::parent));
    if grand_parent.as_deref() == Some("bbc") {
        if a.value(field::SOURCE).is_none() {
            a.set_value(field::SOURCE, Some("bbc".to_string()));
        }
        if a.value(field::SECTION).is_none() {
            a.set_value(field::SECTION, parent.clone());
        }
    }
    if let Some(section) = a.value(field::SECTION).map(str::to_string) {
        a.add_value(field::TOPIC, section);
    }
    if a.title.is_empty() && a.body.is_empty() {
        out.warnings.push(Warning::new(
            path,
            None,
            WarningKind::Empty,
            "no title or text",
        ));
        return out;
    }
    out.articles.push(a);
    out
}

fn folder_name(dir: Option<&Path>) -> Option<String> {
    let name = dir?.file_name()?.to_string_lossy().into_owned();
    (!name.is_empty() && name != "." && name != "..").then_some(name)
}

/// Splits off a header block: consecutive `Key: value` lines with known keys,
/// starting at the first line and ended by a blank line (or the end).
fn split_header(text: &str) -> (Vec<(String, String)>, &str) {
    const KEYS: &[&str] = &[
        "title", "date", "source", "author", "by", "url", "dateline", "section",
    ];
    let mut fields = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if fields.is_empty() {
                return (Vec::new(), text);
            }
            return (fields, &text[offset + line.len()..]);
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            break;
        };
        let key = key.trim().to_ascii_lowercase();
        if !KEYS.contains(&key.as_str()) {
            break;
        }
        fields.push((key, value.to_string()));
        offset += line.len();
    }
    if !fields.is_empty() && offset == text.len() {
        return (fields, "");
    }
    (Vec::new(), text)
}

/// A short first line followed by a blank line (or the end): (title, rest).
fn title_line(body: &str) -> Option<(&str, &str)> {
    let (first, rest) = body.split_once('\n').unwrap_or((body, ""));
    let title = first.trim();
    // A line opening with a dateline lead is the story itself, however short.
    if title.is_empty() || title.len() > MAX_TITLE || super::dateline::recognize(title).is_some() {
        return None;
    }
    let blank_follows =
        rest.is_empty() || rest.split('\n').next().is_some_and(|l| l.trim().is_empty());
    let sentence_like = title.ends_with('.') && title.split_whitespace().count() > 12;
    (blank_follows && !sentence_like).then_some((title, rest))
}

/// Drops trailing boilerplate lines (and blank lines) from the end of a body.
fn drop_boilerplate(body: &str) -> String {
    let mut lines: Vec<&str> = body.lines().collect();
    while let Some(last) = lines.last() {
        let t = last.trim();
        let lower = t.to_lowercase();
        if t.is_empty() || (t.len() <= 80 && BOILERPLATE.iter().any(|b| lower.starts_with(b))) {
            lines.pop();
        } else {
            break;
        }
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{samples_dir, test_corpus_dir};
    use std::collections::{BTreeMap, HashSet};

    fn one(path: &str, text: &str) -> ParsedFile {
        parse(Path::new(path), text.as_bytes())
    }

    #[test]
    fn header_block_and_dateline() {
        let text = "Title: Oil rises\nDate: March 3, 2021\nSource: Reuters\nAuthor: A. Writer\nURL: https://example.com/x\n\nLONDON, March 3 (Reuters) - Oil prices rose.\n\nMore text.\n\n(Reporting by A. Writer; Editing by B. Editor)\nWhat do you think?\nShare this\n";
        let parsed = one("wire/oil.txt", text);
        assert!(parsed.warnings.is_empty());
        let a = &parsed.articles[0];
        assert_eq!(a.id, "wire/oil");
        assert_eq!(a.title, "Oil rises");
        assert_eq!(a.value(field::SOURCE), Some("Reuters"));
        assert_eq!(a.value(field::AUTHOR), Some("A. Writer"));
        assert_eq!(a.value(field::URL), Some("https://example.com/x"));
        assert_eq!(a.dateline.as_deref(), Some("LONDON, March 3 (Reuters)"));
        assert_eq!(a.dateline_cities(), ["London"]);
        assert_eq!(a.value(field::AGENCY), Some("Reuters"));
        assert_eq!(
            a.body,
            "Oil prices rose.\n\nMore text.\n\n(Reporting by A. Writer; Editing by B. Editor)"
        );
        assert_eq!(
            a.date.map(|d| d.to_rfc3339()).as_deref(),
            Some("2021-03-03T00:00:00+00:00")
        );
    }

    #[test]
    fn title_detection() {
        // (text, title, body start)
        let cases = [
            ("Short title\n\nBody here.", "Short title", "Body here."),
            ("Only a title", "Only a title", ""),
            (
                "CARACAS (Reuters) - Maduro spoke.",
                "",
                "Maduro spoke.",
            ),
            (
                "LONDON, March 3 (Reuters) - Oil rose.\n\nMore text.",
                "",
                "Oil rose.",
            ),
            ("First line\ncontinues here.\n", "", "First line"),
            (
                "This is a long opening sentence that reads like prose and should not be taken as a title at all.\n\nNext.",
                "",
                "This is a long",
            ),
        ];
        for (text, title, body) in cases {
            let parsed = one("x.txt", text);
            let a = &parsed.articles[0];
            assert_eq!(a.title, title, "{text}");
            assert!(a.body.starts_with(body), "{text}: {}", a.body);
        }
    }

    #[test]
    fn given_dateline_and_bad_date() {
        let text = "Dateline: PARIS (AFP)\nDate: someday\n\nHeadline\n\nPARIS (AFP) -- Text.";
        let parsed = one("x.txt", text);
        let a = &parsed.articles[0];
        assert_eq!(a.dateline.as_deref(), Some("PARIS (AFP)"));
        assert_eq!(a.dateline_cities(), ["Paris"]);
        assert_eq!(a.value(field::AGENCY), Some("AFP"));
        assert_eq!(a.body, "Text.");
        assert_eq!(a.date, None);
        assert_eq!(parsed.warnings.len(), 1);
        assert_eq!(parsed.warnings[0].kind, WarningKind::BadDate);
    }

    #[test]
    fn empty_and_encoding() {
        let empty = one("e.txt", " \n\n");
        assert!(empty.articles.is_empty());
        assert_eq!(empty.warnings[0].kind, WarningKind::Empty);
        let parsed = parse(Path::new("c.txt"), b"Caf\xe9 news\n\nIt was \x93good\x94.");
        assert_eq!(parsed.warnings[0].kind, WarningKind::Encoding);
        assert_eq!(parsed.articles[0].title, "Café news");
        assert_eq!(parsed.articles[0].body, "It was \u{201c}good\u{201d}.");
    }

    #[test]
    fn bbc_layout() {
        let parsed = one("corpus/bbc/sport/007.txt", "Team wins\n\nThe team won.");
        let a = &parsed.articles[0];
        assert_eq!(a.id, "sport/007");
        assert_eq!(a.value(field::SECTION), Some("sport"));
        assert_eq!(a.values(field::TOPIC), ["sport"]);
        assert_eq!(a.value(field::SOURCE), Some("bbc"));
    }

    #[test]
    fn parses_samples() {
        let path = samples_dir().join("wire/caracas-russia.txt");
        let bytes = std::fs::read(&path).unwrap_or_default();
        let parsed = parse(&path, &bytes);
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
        let a = &parsed.articles[0];
        assert_eq!(a.id, "wire/caracas-russia");
        assert_eq!(a.dateline.as_deref(), Some("CARACAS (Reuters)"));
        assert_eq!(a.dateline_cities(), ["Caracas"]);
        assert!(a
            .body
            .starts_with("Russian Deputy Prime Minister Yuri Borisov"));
        assert!(!a.body.contains("What do you think"));
        assert!(a.body.trim_end().ends_with(')'));
        assert!(a.date.is_some());
    }

    #[test]
    fn parses_bbc_corpus() {
        let Some(corpus) = test_corpus_dir() else {
            return;
        };
        let mut total = 0;
        let mut ids = HashSet::new();
        let mut kinds: BTreeMap<WarningKind, Vec<String>> = BTreeMap::new();
        for section in ["business", "entertainment", "politics", "sport", "tech"] {
            let dir = corpus.join("bbc").join(section);
            let Ok(entries) = std::fs::read_dir(&dir) else {
                panic!("cannot read {}", dir.display());
            };
            for entry in entries.flatten() {
                let path = entry.path();
                let bytes = std::fs::read(&path).unwrap_or_default();
                let parsed = parse(&path, &bytes);
                total += parsed.articles.len();
                for a in &parsed.articles {
                    assert!(!a.title.is_empty(), "{}", a.path);
                    ids.insert(a.id.clone());
                }
                for w in parsed.warnings {
                    kinds.entry(w.kind).or_default().push(w.path);
                }
            }
        }
        println!("bbc: {total} articles, warnings {kinds:?}");
        assert_eq!(total, 2_225);
        assert_eq!(ids.len(), 2_225);
        let encoding = kinds
            .get(&WarningKind::Encoding)
            .cloned()
            .unwrap_or_default();
        assert_eq!(encoding.len(), 1);
        assert!(encoding[0].ends_with("sport/199.txt"));
    }
}
