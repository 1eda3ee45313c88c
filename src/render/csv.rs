//! Search hits as CSV, one row per hit, for spreadsheets.

use std::io::{self, Write};

use crate::article::field;
use crate::index::document::{Shown, StoredArticle, Values};
use crate::search::SearchResults;

/// Header and one row per hit (cells a spreadsheet would evaluate start
/// with `'`, as in [`export_row`]): rank, id, date, score, dateline, title,
/// countries, people, topics, snippet (lists joined with `; `).
pub fn search<W: Write>(w: W, r: &SearchResults) -> io::Result<()> {
    hits(w, &r.hits)
}

/// Header and one row per hit (as [`search`]), for any list of hits.
pub fn hits<W: Write>(w: W, hits: &[crate::search::Hit]) -> io::Result<()> {
    let mut out = ::csv::Writer::from_writer(w);
    let header = [
        "rank",
        "id",
        "date",
        "score",
        "dateline",
        "title",
        "countries",
        "people",
        "topics",
        "snippet",
    ];
    out.write_record(header).map_err(io::Error::other)?;
    let list = |h: &crate::search::Hit, name: &str| joined(&h.values, name);
    for h in hits {
        let row = [
            h.rank.to_string(),
            h.id.clone(),
            h.date
                .map(|d| d.format("%Y-%m-%d %H:%M:%S").to_string())
                .unwrap_or_default(),
            h.score.map(|s| format!("{s:.3}")).unwrap_or_default(),
            h.dateline.clone().unwrap_or_default(),
            h.title.text.clone(),
            list(h, field::COUNTRY),
            list(h, field::PERSON),
            list(h, field::TOPIC),
            h.snippet.text.clone(),
        ];
        out.write_record(row.iter().map(|c| inert(c).into_owned()))
            .map_err(io::Error::other)?;
    }
    out.flush()
}

/// The columns of an export (`GET /api/export.csv`): one row per article.
const EXPORT_COLUMNS: [&str; 8] = [
    "id",
    "date",
    "dateline",
    "title",
    "url",
    "countries",
    "people",
    "topics",
];

/// The header row of an export.
pub fn export_header<W: Write>(w: W) -> io::Result<()> {
    let mut out = ::csv::Writer::from_writer(w);
    out.write_record(EXPORT_COLUMNS).map_err(io::Error::other)?;
    out.flush()
}

/// One article as an export row (lists joined with `; `). A cell that a
/// spreadsheet would read as a formula (`=`, `+`, `-`, `@` first) starts
/// with `'`, so article text stays text when the file is opened.
pub fn export_row<W: Write>(w: W, a: &StoredArticle) -> io::Result<()> {
    let list = |name: &str| joined(&a.values, name);
    let row = [
        a.id.clone(),
        a.date
            .map(|d| d.format("%Y-%m-%d %H:%M:%S").to_string())
            .unwrap_or_default(),
        a.dateline.clone().unwrap_or_default(),
        a.title.clone(),
        list(field::URL),
        list(field::COUNTRY),
        list(field::PERSON),
        list(field::TOPIC),
    ];
    let mut out = ::csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(w);
    out.write_record(row.iter().map(|c| inert(c).into_owned()))
        .map_err(io::Error::other)?;
    out.flush()
}

/// The values of one field as one cell: countries by name, lists joined
/// with `; `.
fn joined(values: &Values, name: &str) -> String {
    values
        .get(name)
        .map(|v| match v {
            Shown::Countries(c) => c.iter().map(|c| c.name.as_str()).collect(),
            other => other.values(),
        })
        .unwrap_or_default()
        .join("; ")
}

/// A cell a spreadsheet will not evaluate.
pub(crate) fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_in_article_text_stay_text() {
        assert_eq!(inert("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(inert("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(inert("Oil rises"), "Oil rises");
    }
}
