//! Search hits as CSV, one row per hit, for spreadsheets.

use std::io::{self, Write};

use crate::article::field;
use crate::index::document::Shown;
use crate::search::SearchResults;

/// Header and one row per hit: rank, id, date, score, dateline, title,
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
    let list = |h: &crate::search::Hit, name: &str| {
        h.values
            .get(name)
            .map(|v| match v {
                Shown::Countries(c) => c.iter().map(|c| c.name.as_str()).collect(),
                other => other.values(),
            })
            .unwrap_or_default()
            .join("; ")
    };
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
        out.write_record(&row).map_err(io::Error::other)?;
    }
    out.flush()
}
