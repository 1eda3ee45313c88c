//! Reuters-21578 SGML parser: splits a `reut2-NNN.sgm` file into its
//! `<REUTERS ...>` documents with a plain substring tag scanner (the files
//! are regular enough that an SGML/XML parser is not needed, and they are not
//! well-formed XML anyway) and maps each document onto an [`Article`].
//!
//! Mapping: NEWID → `id`; `<DATE>` → `date` (UTC, parsed leniently: stray
//! spaces, trailing `&#5;` noise and comments are ignored, and when only the
//! time is broken the day is kept with a `BadDate` warning); the `<D>` lists
//! of TOPICS, PLACES, PEOPLE, ORGS, EXCHANGES, COMPANIES → `topics`,
//! `countries` (raw codes such as `west-germany`), `people` (display names,
//! `james-baker` → `James Baker`), `orgs`, `exchanges`, `companies`; TITLE,
//! DATELINE (trimmed, without the dash; cities via the dateline recogniser),
//! AUTHOR and BODY. UNPROC/BRIEF documents without a BODY get the remaining
//! text of `<TEXT>` as their body so they are still indexed. Entities are
//! decoded and control characters dropped. The wire sign-off `Reuter` that
//! ends most bodies is removed, and the four-space paragraph indents of BODY
//! text become blank lines between paragraphs.

use std::path::Path;
use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use memchr::memmem;

use super::{decode_file, strip_controls, ParsedFile, Warning, WarningKind};
use crate::article::{field, Article};
use crate::gazetteer::list_entries;
use crate::parse::dateline;

/// Parses one Reuters-21578 SGML file.
pub fn parse(path: &Path, bytes: &[u8]) -> ParsedFile {
    let mut out = ParsedFile::default();
    let text = decode_file(path, bytes, &mut out.warnings);
    let text = text.as_ref();
    let path_str = path.display().to_string();
    let mut pos = 0;
    let mut ordinal = 0usize;
    let open_finder = memmem::Finder::new("<REUTERS");
    let close_finder = memmem::Finder::new("</REUTERS>");
    while let Some(rel) = open_finder.find(&text.as_bytes()[pos..]) {
        let start = pos + rel;
        ordinal += 1;
        let Some(tag_end) = text[start..].find('>').map(|i| start + i) else {
            out.warnings.push(Warning::new(
                path,
                Some(format!("#{ordinal}")),
                WarningKind::BadRecord,
                "unterminated <REUTERS> tag",
            ));
            break;
        };
        let attrs = &text[start + "<REUTERS".len()..tag_end];
        // The document ends at </REUTERS>, or at the next <REUTERS if the close is missing.
        let after = tag_end + 1;
        let next_open = open_finder
            .find(&text.as_bytes()[after..])
            .map(|i| after + i);
        let close = close_finder
            .find(&text.as_bytes()[after..])
            .map(|i| after + i);
        let (inner_end, next_pos, truncated) = match (close, next_open) {
            (Some(c), Some(n)) if c < n => (c, c + "</REUTERS>".len(), false),
            (Some(c), None) => (c, c + "</REUTERS>".len(), false),
            (_, Some(n)) => (n, n, true),
            (None, None) => (text.len(), text.len(), true),
        };
        let inner = &text[after..inner_end];
        pos = next_pos;

        let Some(newid) = attr(attrs, "NEWID").filter(|v| !v.is_empty()) else {
            out.warnings.push(Warning::new(
                path,
                Some(format!("#{ordinal}")),
                WarningKind::MissingId,
                "<REUTERS> without NEWID; skipped",
            ));
            continue;
        };
        let record = format!("NEWID={newid}");
        if truncated {
            out.warnings.push(Warning::new(
                path,
                Some(record.clone()),
                WarningKind::Truncated,
                "missing </REUTERS>; document read up to the next one",
            ));
        }
        let article = parse_document(attrs, inner, newid, &path_str, |kind, message| {
            out.warnings
                .push(Warning::new(path, Some(record.clone()), kind, message));
        });
        out.articles.push(article);
    }
    if ordinal == 0 {
        let message = if text.trim().is_empty() {
            "empty file"
        } else {
            "no <REUTERS> documents found"
        };
        out.warnings
            .push(Warning::new(path, None, WarningKind::Empty, message));
    }
    out
}

/// Builds the article of one `<REUTERS>` document; `warn` reports problems.
fn parse_document(
    attrs: &str,
    inner: &str,
    newid: &str,
    path: &str,
    mut warn: impl FnMut(WarningKind, String),
) -> Article {
    let mut a = Article {
        id: newid.to_string(),
        path: path.to_string(),
        ..Article::default()
    };
    a.set_value(field::SOURCE, Some("reuters".to_string()));
    a.set_value(field::AGENCY, Some("Reuters".to_string()));
    a.set_value(
        field::LEWIS_SPLIT,
        attr(attrs, "LEWISSPLIT").map(str::to_string),
    );
    a.set_value(
        field::CGI_SPLIT,
        attr(attrs, "CGISPLIT").map(str::to_string),
    );
    if let Some(raw) = element(inner, "DATE") {
        match parse_reuters_date(raw) {
            DateParse::Ok(d) => a.date = Some(d),
            DateParse::DayOnly(d) => {
                a.date = Some(d);
                warn(
                    WarningKind::BadDate,
                    format!("bad time in date '{}'; kept the day", clean(raw).trim()),
                );
            }
            DateParse::Bad => warn(
                WarningKind::BadDate,
                format!("bad date '{}'", clean(raw).trim()),
            ),
        }
    }
    a.set_values(field::TOPIC, d_list(inner, "TOPICS"));
    a.set_values(field::COUNTRY, d_list(inner, "PLACES"));
    a.set_values(
        field::PERSON,
        d_list(inner, "PEOPLE")
            .iter()
            .map(|code| person_display_name(code))
            .collect(),
    );
    a.set_values(field::ORG, d_list(inner, "ORGS"));
    a.set_values(field::EXCHANGE, d_list(inner, "EXCHANGES"));
    a.set_values(field::COMPANY, d_list(inner, "COMPANIES"));
    // The editors' PLACES/PEOPLE lists are the facet values, even when
    // empty: an empty list is the editors' answer, and filling it from the
    // text would make the country facet disagree with the collection's tags.
    // `--extract always` still adds what the text names.
    a.tagged = inner.contains("<PLACES>") || inner.contains("<PEOPLE>");

    let text = element_with_attrs(inner, "TEXT").unwrap_or("");
    if let Some(title) = element(text, "TITLE") {
        a.title = collapse_ws(&clean(title));
    }
    if let Some(author) = element(text, "AUTHOR") {
        let author = collapse_ws(&clean(author));
        let author = author
            .strip_prefix("By ")
            .or_else(|| author.strip_prefix("by "))
            .unwrap_or(&author)
            .trim_end_matches([',', ' '])
            .to_string();
        if !author.is_empty() {
            a.set_value(field::AUTHOR, Some(author));
        }
    }
    if let Some(raw) = element(text, "DATELINE") {
        let cleaned = clean(raw);
        match dateline::recognize(&cleaned) {
            Some(lead) => {
                a.dateline = Some(lead.raw);
                a.set_values(field::DATELINE_CITY, lead.cities);
            }
            None => {
                let trimmed = cleaned.trim().trim_end_matches(['-', ' ']).trim();
                if !trimmed.is_empty() {
                    a.dateline = Some(trimmed.to_string());
                }
            }
        }
    }
    a.body = match element(text, "BODY") {
        Some(body) => normalise_body(&clean(body)),
        None => {
            let rest = remove_elements(text, &["TITLE", "DATELINE", "AUTHOR"]);
            let rest = strip_tags(&rest);
            let rest = clean(&rest);
            let rest = rest.trim().trim_start_matches('*');
            strip_signoff(rest.trim_matches('\n'))
                .trim_end()
                .to_string()
        }
    };
    if a.body.is_empty() && a.title.is_empty() {
        warn(
            WarningKind::NoText,
            "document has neither title nor text".into(),
        );
    }
    a
}

/// The value of `name="..."` in a tag's attribute text.
fn attr<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let mut search = 0;
    while let Some(i) = attrs[search..].find(name) {
        let at = search + i;
        let before_ok = at == 0 || attrs.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = attrs[at + name.len()..].trim_start();
        if before_ok {
            if let Some(rest) = rest.strip_prefix('=') {
                let rest = rest.trim_start();
                if let Some(q) = rest.strip_prefix('"') {
                    return q.find('"').map(|end| &q[..end]);
                }
                let end = rest
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .unwrap_or(rest.len());
                return Some(&rest[..end]);
            }
        }
        search = at + name.len();
    }
    None
}

/// Byte offset of `needle` in `hay` (SIMD substring search: `str::find`
/// over each element of every document showed in the parse profile).
fn find(hay: &str, needle: &str) -> Option<usize> {
    memchr::memmem::find(hay.as_bytes(), needle.as_bytes())
}

/// The content of the first `<NAME>...</NAME>` (tag without attributes).
fn element<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let start = find(text, &open)? + open.len();
    let end = find(&text[start..], &close).map_or(text.len(), |i| start + i);
    Some(&text[start..end])
}

/// The content of the first `<NAME ...>...</NAME>`, attributes allowed.
fn element_with_attrs<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}");
    let close = format!("</{name}>");
    let mut search = 0;
    while let Some(i) = find(&text[search..], &open) {
        let at = search + i + open.len();
        match text.as_bytes().get(at) {
            Some(b'>') | Some(b' ') | Some(b'\t') | Some(b'\n') => {
                let start = at + text[at..].find('>')? + 1;
                let end = find(&text[start..], &close).map_or(text.len(), |i| start + i);
                return Some(&text[start..end]);
            }
            _ => search = at,
        }
    }
    None
}

/// The `<D>` entries of `<NAME>...</NAME>`, cleaned, empty ones dropped.
fn d_list(text: &str, name: &str) -> Vec<String> {
    let Some(list) = element(text, name) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut rest = list;
    while let Some(i) = find(rest, "<D>") {
        rest = &rest[i + 3..];
        let end = find(rest, "</D>").unwrap_or(rest.len());
        let value = collapse_ws(&clean(&rest[..end]));
        if !value.is_empty() && !out.contains(&value) {
            out.push(value);
        }
        rest = &rest[end..];
    }
    out
}

/// `text` without the `<NAME>...</NAME>` elements listed.
fn remove_elements(text: &str, names: &[&str]) -> String {
    let mut out = text.to_string();
    for name in names {
        let open = format!("<{name}>");
        let close = format!("</{name}>");
        if let Some(start) = find(&out, &open) {
            let end = find(&out[start..], &close).map_or(out.len(), |i| start + i + close.len());
            out.replace_range(start..end, "");
        }
    }
    out
}

/// Removes anything that looks like an SGML tag (`<X>`, `</X>`), keeping other `<`.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let tag_end = tail.find('>');
        let looks_like_tag = tail[1..]
            .chars()
            .next()
            .is_some_and(|c| c == '/' || c.is_ascii_uppercase());
        match tag_end {
            Some(end) if looks_like_tag && !tail[..end].contains(['\n', ' ']) => {
                rest = &tail[end + 1..];
            }
            _ => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decodes entities and drops control characters.
fn clean(raw: &str) -> String {
    let unescaped = htmlize::unescape(raw);
    strip_controls(&unescaped).into_owned()
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reflows indent-marked paragraphs: a line starting with 3+ spaces opens a
/// new paragraph (preceded by a blank line); other lines keep their breaks.
fn normalise_body(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    for line in body.trim_matches('\n').lines() {
        let indented = line.starts_with("   ") || line.starts_with('\t');
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str(if indented { "\n\n" } else { "\n" });
        }
        out.push_str(line);
    }
    strip_signoff(&out).trim_end().to_string()
}

/// Removes the trailing wire sign-off (`Reuter`, `REUTER`).
fn strip_signoff(body: &str) -> &str {
    let trimmed = body.trim_end();
    for sign in ["Reuter", "REUTER", "Reuters", "REUTERS"] {
        if let Some(rest) = trimmed.strip_suffix(sign) {
            if rest.is_empty() || rest.ends_with(char::is_whitespace) {
                return rest.trim_end();
            }
        }
    }
    trimmed
}

/// Turns a PEOPLE code into a display name: `james-baker` → `James Baker`,
/// `de-la-madrid` → `de la Madrid`, `perez-de-cuellar` → `Perez de Cuellar`,
/// `hamad-saud-al-sayyari` → `Hamad Saud al-Sayyari`.
pub fn person_display_name(code: &str) -> String {
    static PARTICLES: LazyLock<Vec<&str>> = LazyLock::new(|| {
        list_entries(include_str!("../../data/parse/code_particles.txt")).collect()
    });
    let words: Vec<&str> = code.split(['-', ' ']).filter(|w| !w.is_empty()).collect();
    let last = words.len().saturating_sub(1);
    let mut out = String::with_capacity(code.len());
    let mut join_next = false;
    for (i, word) in words.iter().enumerate() {
        if i > 0 && !join_next {
            out.push(' ');
        }
        join_next = false;
        let lower = word.to_lowercase();
        if i < last && lower == "al" {
            out.push_str("al-");
            join_next = true;
        } else if i < last && PARTICLES.contains(&lower.as_str()) {
            out.push_str(&lower);
        } else {
            dateline::capitalize_word(&lower, &mut out);
        }
    }
    out
}

enum DateParse {
    Ok(DateTime<Utc>),
    DayOnly(DateTime<Utc>),
    Bad,
}

/// Parses `26-FEB-1987 15:01:01.79` leniently (see the module doc).
fn parse_reuters_date(raw: &str) -> DateParse {
    let cleaned = clean(raw);
    let mut tokens = cleaned.split_whitespace();
    let Some(day) = tokens.next().and_then(parse_day) else {
        return DateParse::Bad;
    };
    let time = tokens.next().and_then(parse_time);
    match time {
        Some(t) => DateParse::Ok(day.and_time(t).and_utc()),
        None => match day.and_hms_opt(0, 0, 0) {
            Some(d) => DateParse::DayOnly(d.and_utc()),
            None => DateParse::Bad,
        },
    }
}

fn parse_day(token: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(token, "%d-%b-%Y").ok()
}

/// `HH:MM:SS[.f]`, ignoring trailing non-time characters (`00:02:59.13RM`).
fn parse_time(token: &str) -> Option<NaiveTime> {
    let end = token
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(token.len());
    let token = &token[..end];
    let (hms, frac) = token.split_once('.').unwrap_or((token, ""));
    let mut parts = hms.split(':');
    let h: u32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let s: u32 = parts.next().unwrap_or("0").parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    let frac_digits: String = frac.chars().take(9).collect();
    let nanos = if frac_digits.is_empty() {
        0
    } else {
        let value: u32 = frac_digits.parse().ok()?;
        value * 10u32.pow(9 - frac_digits.len() as u32)
    };
    NaiveTime::from_hms_nano_opt(h, m, s, nanos)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{samples_dir, test_corpus_dir};
    use std::collections::{BTreeMap, HashSet};

    const DOC: &str = r#"<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="7">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TOPICS><D>cocoa</D></TOPICS>
<PLACES><D>el-salvador</D><D>west-germany</D></PLACES>
<PEOPLE><D>james-baker</D></PEOPLE>
<ORGS></ORGS>
<EXCHANGES><D>nyse</D></EXCHANGES>
<COMPANIES></COMPANIES>
<UNKNOWN> &#5;&#5;&#5;C T
&#22;&#22;&#1;f0704&#31;reute</UNKNOWN>
<TEXT>&#2;
<TITLE>COCOA &amp; SUGAR REVIEW</TITLE>
<AUTHOR>    By Jane Doe, Reuters</AUTHOR>
<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Rain fell in the zone,
said &lt;Example Co>.
    A second paragraph.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" LEWISSPLIT="TEST" CGISPLIT="TRAINING-SET" NEWID="8">
<DATE> 9-APR-1987 00:00:00.00    # date added as guesswork </DATE>
<TOPICS></TOPICS><PLACES></PLACES><PEOPLE></PEOPLE>
<TEXT TYPE="BRIEF">&#2;
******<TITLE>FUNDS ROSE 1 MLN DLRS
</TITLE>Blah blah blah.
&#3;

</TEXT>
</REUTERS>
<REUTERS NEWID="9"><DATE>31-MAR-1987 605:12:19.12</DATE>
<TEXT TYPE="UNPROC">&#2;
WEEKLY REPORT - FEB 26
 Net reserves....644 vs...1,337
 Reuter
&#3;</TEXT></REUTERS>
<REUTERS OLDID="1"><TEXT>no id</TEXT></REUTERS>
<REUTERS NEWID="10"><DATE>garbage</DATE><TEXT><BODY>x</BODY></TEXT></REUTERS>
"#;

    #[test]
    fn parses_documents() {
        let parsed = parse(Path::new("t.sgm"), DOC.as_bytes());
        let ids: Vec<&str> = parsed.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["7", "8", "9", "10"]);
        let a = &parsed.articles[0];
        assert_eq!(a.title, "COCOA & SUGAR REVIEW");
        assert_eq!(
            a.body,
            "Rain fell in the zone,\nsaid <Example Co>.\n\nA second paragraph."
        );
        assert_eq!(a.dateline.as_deref(), Some("SALVADOR, Feb 26"));
        assert_eq!(a.dateline_cities(), ["Salvador"]);
        assert_eq!(a.value(field::AUTHOR), Some("Jane Doe, Reuters"));
        assert_eq!(a.countries(), ["el-salvador", "west-germany"]);
        assert_eq!(a.people(), ["James Baker"]);
        assert_eq!(a.values(field::TOPIC), ["cocoa"]);
        assert_eq!(a.values(field::EXCHANGE), ["nyse"]);
        assert!(a.tagged);
        assert_eq!(a.value(field::LEWIS_SPLIT), Some("TRAIN"));
        assert_eq!(a.value(field::CGI_SPLIT), Some("TRAINING-SET"));
        assert_eq!(a.value(field::SOURCE), Some("reuters"));
        assert_eq!(a.value(field::AGENCY), Some("Reuters"));
        assert_eq!(
            a.date.map(|d| d.to_rfc3339()).as_deref(),
            Some("1987-02-26T15:01:01.790+00:00")
        );

        let brief = &parsed.articles[1];
        assert_eq!(brief.title, "FUNDS ROSE 1 MLN DLRS");
        assert_eq!(brief.body, "Blah blah blah.");
        assert!(
            brief.tagged,
            "an empty PLACES list is still the editors' answer"
        );
        assert!(brief.date.is_some());

        let unproc = &parsed.articles[2];
        assert!(unproc
            .body
            .starts_with("WEEKLY REPORT - FEB 26\n Net reserves"));
        assert!(!unproc.body.contains("Reuter"));
        assert_eq!(
            unproc.date.map(|d| d.to_rfc3339()).as_deref(),
            Some("1987-03-31T00:00:00+00:00")
        );
        assert_eq!(parsed.articles[3].date, None);

        let kinds: Vec<(Option<&str>, WarningKind)> = parsed
            .warnings
            .iter()
            .map(|w| (w.record.as_deref(), w.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                (Some("NEWID=9"), WarningKind::BadDate),
                (Some("#4"), WarningKind::MissingId),
                (Some("NEWID=10"), WarningKind::BadDate),
            ]
        );
    }

    #[test]
    fn parses_dates() {
        let cases = [
            (
                "26-FEB-1987 15:01:01.79",
                Some("1987-02-26T15:01:01.790+00:00"),
                true,
            ),
            (
                "  3-MAR-1987 00:43:42.82",
                Some("1987-03-03T00:43:42.820+00:00"),
                true,
            ),
            (
                "3-MAR-1987  09:15:05.40",
                Some("1987-03-03T09:15:05.400+00:00"),
                true,
            ),
            (
                "27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM",
                Some("1987-03-27T00:02:59.130+00:00"),
                true,
            ),
            (
                " 9-APR-1987 13:32:06.7",
                Some("1987-04-09T13:32:06.700+00:00"),
                true,
            ),
            (
                "31-MAR-1987 605:12:19.12",
                Some("1987-03-31T00:00:00+00:00"),
                false,
            ),
            ("31-MAR-1987", Some("1987-03-31T00:00:00+00:00"), false),
            ("31-XYZ-1987 10:00:00", None, false),
            ("", None, false),
        ];
        for (raw, want, full) in cases {
            let (got, got_full) = match parse_reuters_date(raw) {
                DateParse::Ok(d) => (Some(d.to_rfc3339()), true),
                DateParse::DayOnly(d) => (Some(d.to_rfc3339()), false),
                DateParse::Bad => (None, false),
            };
            assert_eq!((got.as_deref(), got_full), (want, full), "{raw}");
        }
    }

    #[test]
    fn people_display_names() {
        for (code, want) in [
            ("james-baker", "James Baker"),
            ("reagan", "Reagan"),
            ("de-la-madrid", "de la Madrid"),
            ("perez-de-cuellar", "Perez de Cuellar"),
            ("von-weizsaecker", "von Weizsaecker"),
            ("hamad-saud-al-sayyari", "Hamad Saud al-Sayyari"),
            ("o'neill", "O'Neill"),
            ("", ""),
        ] {
            assert_eq!(person_display_name(code), want);
        }
    }

    #[test]
    fn survives_garbage() {
        for bytes in [
            &b"<REUTERS"[..],
            b"<REUTERS NEWID=\"1\"",
            b"<REUTERS NEWID=\"1\"><DATE>",
            b"<REUTERS NEWID=\"1\"><TEXT TYPE=\"BRIEF\"><TITLE>x",
            b"\xff\xfe\x00<",
            b"<REUTERS NEWID=1><REUTERS NEWID=2>",
        ] {
            let _ = parse(Path::new("g.sgm"), bytes);
        }
    }

    #[test]
    fn parses_sample() {
        let parsed = parse_file_at(&samples_dir().join("reuters/sample.sgm"));
        assert!(parsed.articles.len() >= 4);
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
        assert!(parsed.articles.iter().all(|a| a.id.starts_with("9000")));
        assert!(parsed
            .articles
            .iter()
            .any(|a| a.people().contains(&"Reagan".to_string())));
    }

    fn parse_file_at(path: &Path) -> ParsedFile {
        let bytes = std::fs::read(path).unwrap_or_default();
        parse(path, &bytes)
    }

    #[test]
    fn parses_whole_corpus() {
        let Some(corpus) = test_corpus_dir() else {
            return;
        };
        let dir = corpus.join("reuters21578");
        let mut total = 0;
        let mut ids = HashSet::new();
        let mut kinds: BTreeMap<WarningKind, usize> = BTreeMap::new();
        let mut no_body = 0;
        for n in 0..22 {
            let path = dir.join(format!("reut2-{n:03}.sgm"));
            let parsed = parse_file_at(&path);
            total += parsed.articles.len();
            for a in &parsed.articles {
                ids.insert(a.id.clone());
                if a.body.is_empty() {
                    no_body += 1;
                }
            }
            for w in &parsed.warnings {
                *kinds.entry(w.kind).or_default() += 1;
                if w.kind == WarningKind::Encoding {
                    assert!(w.path.ends_with("reut2-017.sgm"));
                }
            }
        }
        println!("reuters: {total} articles, warnings {kinds:?}, {no_body} empty bodies");
        assert_eq!(total, 21_578);
        assert_eq!(ids.len(), 21_578);
        assert_eq!(kinds.get(&WarningKind::Encoding), Some(&1));
        assert_eq!(kinds.get(&WarningKind::MissingId), None);
    }
}
