//! CSV parser for AG News style files and generic CSV with named columns.
//!
//! AG News (header exactly `label,title,description`): label 1-4 becomes the
//! topic World, Sports, Business or Sci/Tech, `source` is `agnews`, the
//! broken entities (` #39;` → `'`, ` #36;` → `$`, ` quot;` → `"`, ...) are
//! repaired and `\` is read as a newline. Generic CSV: the header names the
//! columns like the JSONL keys (`id`, `title`, `body`/`text`/`description`,
//! `date`, `dateline`, `people`, `countries`, `topics`, `source`, `url`,
//! `author`, `section`; list columns split on `;` or `|`). In both, a
//! dateline lead at the start of the body is recognised and moved out of it.
//! Without an `id` column the id is `<file key>:<row number>` (see [`super::id`]), counting data
//! rows from 1 (the header is not a row).

use std::path::Path;

use super::{
    decode_file, id, parse_date_lenient, set_given_dateline, strip_controls, take_dateline,
    ParsedFile, Warning, WarningKind,
};
use crate::article::{field, Article};
use crate::schema::{declaration, FieldDecl};

/// AG News topic for a label.
fn agnews_topic(label: &str) -> Option<&'static str> {
    match label.trim() {
        "1" => Some("World"),
        "2" => Some("Sports"),
        "3" => Some("Business"),
        "4" => Some("Sci/Tech"),
        _ => None,
    }
}

/// Column positions of the known fields.
#[derive(Default)]
struct Columns {
    id: Option<usize>,
    title: Option<usize>,
    body: Option<usize>,
    date: Option<usize>,
    dateline: Option<usize>,
    label: Option<usize>,
    /// Declared keyword fields with the column of their first `input` name
    /// the header has.
    attributes: Vec<(&'static FieldDecl, usize)>,
}

impl Columns {
    fn from_header(names: &[String]) -> Columns {
        let mut c = Columns::default();
        for (i, name) in names.iter().enumerate() {
            let slot = match name.as_str() {
                "id" => &mut c.id,
                "title" | "headline" => &mut c.title,
                "body" | "text" | "description" | "content" => &mut c.body,
                "date" => &mut c.date,
                "dateline" => &mut c.dateline,
                "label" | "category" | "class" => &mut c.label,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(i);
            }
        }
        for decl in declaration().attributes() {
            let column = decl
                .input
                .iter()
                .find_map(|key| names.iter().position(|n| n == key));
            if let Some(col) = column {
                c.attributes.push((decl, col));
            }
        }
        c
    }
}

/// Parses one CSV file, as if named by itself.
pub fn parse(path: &Path, bytes: &[u8]) -> ParsedFile {
    parse_as(path, &id::lone_file_key(path), bytes)
}

/// Parses one CSV file whose rows without an id are named after `key`.
pub fn parse_as(path: &Path, key: &str, bytes: &[u8]) -> ParsedFile {
    let mut out = ParsedFile::default();
    let text = decode_file(path, bytes, &mut out.warnings);
    let mut reader = reader(text.as_bytes());
    let header = match reader.headers() {
        Ok(h) => h.iter().map(str::to_string).collect::<Vec<_>>(),
        Err(e) => {
            out.warnings.push(unreadable_header(path, &e));
            return out;
        }
    };
    let head = match Head::new(path, key, &header) {
        Ok(head) => head,
        Err(w) => {
            out.warnings.push(w);
            return out;
        }
    };
    for (i, row) in reader.records().enumerate() {
        let row = row.map_err(|e| e.to_string());
        head.read_row(i + 1, row.as_ref(), &mut out);
    }
    out
}

/// The CSV reader every CSV input is read with: a header, rows of any length.
pub(crate) fn reader<R: std::io::Read>(input: R) -> ::csv::Reader<R> {
    ::csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(input)
}

/// The warning for a header the CSV reader could not read.
pub(crate) fn unreadable_header(path: &Path, e: &::csv::Error) -> Warning {
    Warning::new(
        path,
        None,
        WarningKind::BadRecord,
        format!("unreadable CSV header: {e}"),
    )
}

/// What a CSV file's header says about its rows: the file, its key, which
/// column holds which field, and whether it is AG News.
pub(crate) struct Head {
    path: std::path::PathBuf,
    path_str: String,
    key: String,
    cols: Columns,
    agnews: bool,
}

impl Head {
    /// The head of a file whose header names `header`; a warning (the file
    /// is skipped) when the header is empty or names no title or body.
    pub(crate) fn new(path: &Path, key: &str, header: &[String]) -> Result<Head, Warning> {
        let header: Vec<String> = header
            .iter()
            .map(|n| n.trim().to_ascii_lowercase())
            .collect();
        if header.iter().all(|h| h.is_empty()) {
            return Err(Warning::new(
                path,
                None,
                WarningKind::Empty,
                "empty CSV file",
            ));
        }
        let agnews = header == ["label", "title", "description"];
        let cols = Columns::from_header(&header);
        if cols.title.is_none() && cols.body.is_none() {
            return Err(Warning::new(
                path,
                None,
                WarningKind::BadRecord,
                "CSV header names no title or body column",
            ));
        }
        Ok(Head {
            path: path.to_path_buf(),
            path_str: path.display().to_string(),
            key: key.to_string(),
            cols,
            agnews,
        })
    }

    /// Reads data row `row_no` (1-based, the header is not a row) into
    /// `out`: an article, or a warning naming the row. `row` is the row's
    /// cells, or why the CSV reader could not read it.
    pub(crate) fn read_row(
        &self,
        row_no: usize,
        row: Result<&::csv::StringRecord, &String>,
        out: &mut ParsedFile,
    ) {
        let (path, key, cols, agnews) = (self.path.as_path(), &self.key, &self.cols, self.agnews);
        let record = format!("row {row_no}");
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                out.warnings.push(Warning::new(
                    path,
                    Some(record),
                    WarningKind::BadRecord,
                    format!("unreadable CSV row: {e}"),
                ));
                return;
            }
        };
        let cell = |col: Option<usize>| -> String {
            let raw = col.and_then(|c| row.get(c)).unwrap_or("").trim();
            let fixed = if agnews {
                fix_agnews(raw)
            } else {
                raw.to_string()
            };
            strip_controls(fixed.trim()).into_owned()
        };
        let opt = |s: String| (!s.is_empty()).then_some(s);

        let mut a = Article {
            path: self.path_str.clone(),
            ..Article::default()
        };
        a.id = opt(cell(cols.id)).unwrap_or_else(|| id::record_id(key, row_no));
        a.title = cell(cols.title);
        a.body = cell(cols.body);
        for (decl, col) in &cols.attributes {
            let text = cell(Some(*col));
            let values = if decl.many {
                split_list(&text)
            } else {
                opt(text).into_iter().collect()
            };
            a.set_values(&decl.name, values);
        }
        a.tagged = !a.people().is_empty() || !a.countries().is_empty();
        if agnews {
            a.set_value(field::SOURCE, Some("agnews".to_string()));
        }
        let label = cell(cols.label);
        if !label.is_empty() {
            match agnews_topic(&label) {
                Some(topic) if agnews => a.add_value(field::TOPIC, topic),
                None if agnews => out.warnings.push(Warning::new(
                    path,
                    Some(record.clone()),
                    WarningKind::BadField,
                    format!("unknown AG News label '{label}'"),
                )),
                _ => a.add_value(field::TOPIC, label),
            }
        }
        match opt(cell(cols.dateline)) {
            Some(d) => set_given_dateline(&mut a, &d),
            None => take_dateline(&mut a),
        }
        if a.value(field::AGENCY).is_none() {
            a.set_value(field::AGENCY, title_agency(&a.title));
        }
        let date = cell(cols.date);
        if !date.is_empty() {
            a.date = parse_date_lenient(&date);
            if a.date.is_none() {
                out.warnings.push(Warning::new(
                    path,
                    Some(record.clone()),
                    WarningKind::BadDate,
                    format!("bad date '{date}'"),
                ));
            }
        }
        if a.title.is_empty() && a.body.is_empty() {
            out.warnings.push(Warning::new(
                path,
                Some(record),
                WarningKind::Empty,
                "no title or body; skipped",
            ));
            return;
        }
        out.articles.push(a);
    }
}

/// Agency named at the end of an AG News title: `... (AP)`, `... (Reuters)`.
fn title_agency(title: &str) -> Option<String> {
    let inner = title.trim_end().strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let name = &inner[open + 1..];
    ["AP", "AFP", "Reuters"]
        .contains(&name)
        .then(|| name.to_string())
}

/// Splits a list cell on `;` or `|`.
fn split_list(cell: &str) -> Vec<String> {
    cell.split([';', '|'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Repairs AG News text: `\` → newline, entities whose `&` became a space
/// (` #39;`, ` quot;`, ` amp;` ...) or went missing (`#151;`) are restored and
/// decoded, as are ordinary entities.
pub fn fix_agnews(raw: &str) -> String {
    const NAMED: &[&str] = &[
        "quot", "amp", "lt", "gt", "hellip", "nbsp", "mdash", "ndash", "apos",
    ];
    let mut s = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find(';') {
        let (head, tail) = rest.split_at(i);
        // `head` ends right before ';': look for an entity name at its end.
        let name_start = head
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map_or(0, |p| p + 1);
        let name = &head[name_start..];
        let numeric = name.len() >= 2
            && name.starts_with('#')
            && name.len() <= 6
            && name[1..].bytes().all(|b| b.is_ascii_digit());
        let named = NAMED.contains(&name);
        let before = &head[..name_start];
        if (numeric || named) && !before.ends_with('&') {
            let prefix = if named && !before.ends_with(' ') {
                // A bare word like `forecast;` is not an entity.
                s.push_str(head);
                s.push(';');
                rest = &tail[1..];
                continue;
            } else {
                before.strip_suffix(' ').unwrap_or(before)
            };
            s.push_str(prefix);
            s.push('&');
            s.push_str(name);
            s.push(';');
        } else {
            s.push_str(head);
            s.push(';');
        }
        rest = &tail[1..];
    }
    s.push_str(rest);
    let s = s.replace('\\', "\n");
    htmlize::unescape(s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{samples_dir, test_corpus_dir};
    use std::collections::{BTreeMap, HashSet};

    #[test]
    fn fixes_agnews_text() {
        for (raw, want) in [
            ("it #39;s", "it's"),
            ("the  #36;10 million", "the $10 million"),
            ("a  quot;test quot; b", "a \"test\" b"),
            ("AT amp;T", "AT&T"),
            ("one\\two", "one\ntwo"),
            ("war #151;again", "war\u{2014}again"),
            ("a #151; b", "a\u{2014} b"),
            ("Tom &amp; Jerry", "Tom & Jerry"),
            ("rain; forecast; ok", "rain; forecast; ok"),
            ("x;", "x;"),
            ("#;", "#;"),
            ("", ""),
        ] {
            assert_eq!(fix_agnews(raw), want, "{raw}");
        }
    }

    #[test]
    fn parses_agnews_rows() {
        let text = "label,title,description\n\
            3,Stocks up (Reuters),\"NEW YORK (Reuters) - Stocks rose  #36;1\\on Monday.\"\n\
            4,Probe launched (AP),AP - NASA said it #39;s ready.\n\
            9,Odd,Bad label\n\
            1,,\n";
        let parsed = parse(Path::new("data/ag.csv"), text.as_bytes());
        assert_eq!(parsed.articles.len(), 3);
        let a = &parsed.articles[0];
        // A file parsed alone keeps its folder in the key (see parse::id).
        assert_eq!(a.id, "data/ag:1");
        assert_eq!(a.value(field::SOURCE), Some("agnews"));
        assert_eq!(a.values(field::TOPIC), ["Business"]);
        assert_eq!(a.dateline.as_deref(), Some("NEW YORK (Reuters)"));
        assert_eq!(a.dateline_cities(), ["New York"]);
        assert_eq!(a.body, "Stocks rose $1\non Monday.");
        let b = &parsed.articles[1];
        assert_eq!(b.value(field::AGENCY), Some("AP"));
        assert_eq!(b.body, "NASA said it's ready.");
        assert_eq!(b.values(field::TOPIC), ["Sci/Tech"]);
        let kinds: Vec<(Option<&str>, WarningKind)> = parsed
            .warnings
            .iter()
            .map(|w| (w.record.as_deref(), w.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                (Some("row 3"), WarningKind::BadField),
                (Some("row 4"), WarningKind::Empty)
            ]
        );
    }

    #[test]
    fn parses_generic_csv() {
        let text = "ID,Title,Text,Date,People,Countries,Topics\n\
            x1,Hello,PARIS (AFP) -- Body,2020-05-01,Jean Dupont;Ann Lee,France,politics|elections\n\
            ,No id,Body two,not a date,,,\n";
        let parsed = parse(Path::new("g.csv"), text.as_bytes());
        let a = &parsed.articles[0];
        assert_eq!(a.id, "x1");
        assert_eq!(a.people(), ["Jean Dupont", "Ann Lee"]);
        assert_eq!(a.countries(), ["France"]);
        assert_eq!(a.values(field::TOPIC), ["politics", "elections"]);
        assert!(a.tagged);
        assert_eq!(a.value(field::AGENCY), Some("AFP"));
        assert_eq!(a.value(field::SOURCE), None);
        assert_eq!(parsed.articles[1].id, "g:2");
        assert_eq!(parsed.warnings.len(), 1);
        assert_eq!(parsed.warnings[0].kind, WarningKind::BadDate);
    }

    #[test]
    fn survives_garbage() {
        for bytes in [
            &b""[..],
            b"a,b\n\"unterminated",
            b"\xff\xfe,",
            b"title\n\"x\"\"\n",
        ] {
            let _ = parse(Path::new("g.csv"), bytes);
        }
    }

    #[test]
    fn parses_sample() {
        let path = samples_dir().join("csv/items.csv");
        let bytes = std::fs::read(&path).unwrap_or_default();
        let parsed = parse(&path, &bytes);
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
        assert_eq!(parsed.articles.len(), 5);
    }

    #[test]
    fn parses_agnews_corpus() {
        let Some(corpus) = test_corpus_dir() else {
            return;
        };
        let path = corpus.join("agnews/test.csv");
        let bytes = std::fs::read(&path).unwrap_or_default();
        let parsed = parse(&path, &bytes);
        let mut kinds: BTreeMap<WarningKind, usize> = BTreeMap::new();
        for w in &parsed.warnings {
            *kinds.entry(w.kind).or_default() += 1;
        }
        let ids: HashSet<&str> = parsed.articles.iter().map(|a| a.id.as_str()).collect();
        let datelines = parsed
            .articles
            .iter()
            .filter(|a| a.dateline.is_some())
            .count();
        let leftover = parsed
            .articles
            .iter()
            .filter(|a| a.body.contains(" #39;") || a.body.contains(" quot;"))
            .count();
        println!(
            "agnews: {} articles, {datelines} datelines, warnings {kinds:?}",
            parsed.articles.len()
        );
        assert_eq!(parsed.articles.len(), 7_600);
        assert_eq!(ids.len(), 7_600);
        assert!(parsed.warnings.is_empty());
        assert_eq!(leftover, 0);
        assert!(datelines > 2_000);
    }
}
