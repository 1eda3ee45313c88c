//! The coverage analyses printed for people (tables with bars) and for
//! spreadsheets (CSV). JSON is the serde form (`render::json`), documented
//! in `schema/compare.schema.json`, `cooccur.schema.json`, `terms.schema.json`, `similar.schema.json` and `dupes.schema.json`.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::csv::inert;
use super::human::{filter_label, plural, scope, thousands, Style, BOLD_ON, DIM_ON};
use crate::search::{
    Comparison, Cooccurrence, DupeClusters, Interval, SignificantTerms, SimilarResults, TermKind,
};

/// Width of a bar at its longest, in block characters.
const BAR: usize = 12;
/// Widest query header before it is cut with `…`.
const HEADER_MAX: usize = 24;

/// A bar of `BAR` cells at most, in eighths of a cell, so small values
/// still show; empty for 0.
fn bar(value: f64, max: f64) -> String {
    if value <= 0.0 || max <= 0.0 {
        return String::new();
    }
    const PARTS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
    let eighths = ((value / max) * (BAR * 8) as f64).round().max(1.0) as usize;
    let mut s = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        s.push(PARTS[eighths % 8 - 1]);
    }
    s
}

/// Cut `s` to `max` display columns, ending with `…` when cut.
fn cut(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        if out.width() + 2 > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// `s` padded with spaces to `width` display columns.
fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(s.width())))
}

fn interval_name(i: Interval) -> &'static str {
    match i {
        Interval::Day => "day",
        Interval::Week => "week",
        Interval::Month => "month",
        Interval::Year => "year",
    }
}

/// A share as a percentage with one decimal, `-` where undefined.
fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "-".to_string(), |s| format!("{:.1}%", s * 100.0))
}

/// `newsdex compare`: one row per period, the count of all articles, then
/// per query its count (or share) and a bar scaled to the largest value of
/// any query.
pub fn compare_table<W: Write>(
    w: &mut W,
    c: &Comparison,
    share: bool,
    st: Style,
) -> io::Result<()> {
    let stories = c.counts == "stories";
    let mut head = format!(
        "{} per {} · {} passing the filters",
        if stories { "stories" } else { "hits" },
        interval_name(c.interval),
        if stories {
            plural(c.all.total as u64, "story", "stories")
        } else {
            plural(c.all.total as u64, "article", "articles")
        }
    );
    for f in &c.filters {
        head.push_str(&format!(" · {}", filter_label(f)));
    }
    if c.since.is_some() || c.until.is_some() {
        let d = |x: Option<chrono::DateTime<chrono::Utc>>| {
            x.map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_else(|| "…".into())
        };
        head.push_str(&format!(" · date {} to before {}", d(c.since), d(c.until)));
    }
    if share {
        head.push_str(" · shares of all articles in each period");
    }
    head.push_str(&format!(" · {:.1} ms", c.took_ms));
    writeln!(w, "{}", st.paint(BOLD_ON, &head))?;

    let value = |count: u64, s: Option<f64>| {
        if share {
            percent(s)
        } else {
            thousands(count)
        }
    };
    let number_width = |i: usize| {
        let s = &c.queries[i];
        s.buckets
            .iter()
            .map(|b| value(b.count, b.share).len())
            .chain([thousands(s.total as u64).len(), 1])
            .max()
            .unwrap_or(1)
    };
    let widths: Vec<usize> = (0..c.queries.len()).map(number_width).collect();
    let columns: Vec<usize> = c
        .queries
        .iter()
        .zip(&widths)
        .map(|(s, n)| (n + 1 + BAR).max(cut(&scope(&s.query), HEADER_MAX).width()))
        .collect();
    let all_width = c
        .all
        .buckets
        .iter()
        .map(|b| thousands(b.count).len())
        .chain([thousands(c.all.total as u64).len(), 3])
        .max()
        .unwrap_or(3);
    let key_width = c
        .all
        .buckets
        .iter()
        .map(|b| b.key.len())
        .max()
        .unwrap_or(0)
        .max(7);

    let mut line = format!("{}  {:>all_width$}", pad("period", key_width), "all");
    for (s, width) in c.queries.iter().zip(&columns) {
        line.push_str(&format!(
            "  {}",
            pad(&cut(&scope(&s.query), HEADER_MAX), *width)
        ));
    }
    writeln!(w, "{}", st.paint(BOLD_ON, line.trim_end()))?;

    let max = c
        .queries
        .iter()
        .flat_map(|s| &s.buckets)
        .map(|b| {
            if share {
                b.share.unwrap_or(0.0)
            } else {
                b.count as f64
            }
        })
        .fold(0.0, f64::max);
    for (i, a) in c.all.buckets.iter().enumerate() {
        let mut line = format!(
            "{}  {:>all_width$}",
            pad(&a.key, key_width),
            thousands(a.count)
        );
        for ((s, n), width) in c.queries.iter().zip(&widths).zip(&columns) {
            let b = &s.buckets[i];
            let v = if share {
                b.share.unwrap_or(0.0)
            } else {
                b.count as f64
            };
            let cell = format!("{:>n$} {}", value(b.count, b.share), bar(v, max));
            line.push_str(&format!("  {}", pad(&cell, *width)));
        }
        writeln!(w, "{}", line.trim_end())?;
    }
    let mut total = format!(
        "{}  {:>all_width$}",
        pad("total", key_width),
        thousands(c.all.total as u64)
    );
    for ((s, n), width) in c.queries.iter().zip(&widths).zip(&columns) {
        let cell = format!("{:>n$}", thousands(s.total as u64));
        total.push_str(&format!("  {}", pad(&cell, *width)));
    }
    writeln!(w, "{}", st.paint(DIM_ON, total.trim_end()))?;
    let undated: Vec<String> = std::iter::once(("all", c.all.undated))
        .chain(c.queries.iter().map(|s| (s.query.as_str(), s.undated)))
        .filter(|(_, u)| *u > 0)
        .map(|(q, u)| format!("{} {}", scope(q), thousands(u)))
        .collect();
    if !undated.is_empty() {
        writeln!(
            w,
            "(undated, in totals but in no period: {})",
            undated.join(", ")
        )?;
    }
    if c.all.buckets.is_empty() {
        writeln!(w, "(no dated article passes the filters)")?;
    }
    Ok(())
}

/// `newsdex compare --format csv`: one row per period: period, start, all,
/// then one column per query holding its count, or its share with `share`
/// (empty where the period has no article).
pub fn compare_csv<W: Write>(w: W, c: &Comparison, share: bool) -> io::Result<()> {
    let mut out = ::csv::Writer::from_writer(w);
    let mut header = vec!["period".to_string(), "start".into(), "all".into()];
    header.extend(c.queries.iter().map(|s| s.query.clone()));
    out.write_record(&header).map_err(io::Error::other)?;
    for (i, a) in c.all.buckets.iter().enumerate() {
        let mut row = vec![
            a.key.clone(),
            a.start.format("%Y-%m-%d").to_string(),
            a.count.to_string(),
        ];
        for s in &c.queries {
            let b = &s.buckets[i];
            row.push(if share {
                b.share.map(|x| format!("{x:.6}")).unwrap_or_default()
            } else {
                b.count.to_string()
            });
        }
        out.write_record(&row).map_err(io::Error::other)?;
    }
    out.flush()
}

/// Widest row or column label in a co-occurrence table.
const LABEL_MAX: usize = 22;

/// The shade of a cell by its lift: how much more often the pair appears
/// than independence would give.
fn shade(count: u64, lift: Option<f64>) -> char {
    match lift {
        _ if count == 0 => ' ',
        Some(l) if l >= 4.0 => '█',
        Some(l) if l >= 2.0 => '▓',
        Some(l) if l >= 1.0 => '▒',
        _ => '░',
    }
}

/// `newsdex cooccur`: a heat table, rows × columns, each cell the count of
/// hits with both values and a shade for its lift.
pub fn cooccur_table<W: Write>(w: &mut W, c: &Cooccurrence, st: Style) -> io::Result<()> {
    let mut head = format!(
        "{} × {} among {} for {}",
        c.rows_facet.name(),
        c.columns_facet.name(),
        plural(c.total as u64, "hit", "hits"),
        scope(&c.query)
    );
    for f in &c.filters {
        head.push_str(&format!(" · {}", filter_label(f)));
    }
    head.push_str(&format!(" · {:.1} ms", c.took_ms));
    writeln!(w, "{}", st.paint(BOLD_ON, &head))?;
    if c.rows.is_empty() || c.columns.is_empty() {
        writeln!(w, "(no values of both facets among the hits)")?;
        return Ok(());
    }
    writeln!(
        w,
        "{}",
        st.paint(
            DIM_ON,
            "cells: hits with both values; shade: lift = count / expected (░ under 1, ▒ 1-2, ▓ 2-4, █ 4 or more)"
        )
    )?;
    let row_label = |r: &crate::search::CooccurRow| {
        cut(&format!("{} ({})", r.label, thousands(r.count)), LABEL_MAX)
    };
    let left = c
        .rows
        .iter()
        .map(|r| row_label(r).width())
        .max()
        .unwrap_or(0);
    let count_width = c
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .map(|x| thousands(x.count).len())
        .max()
        .unwrap_or(1);
    let names: Vec<String> = c.columns.iter().map(|v| cut(&v.label, 12)).collect();
    let totals: Vec<String> = c
        .columns
        .iter()
        .map(|v| format!("({})", thousands(v.count)))
        .collect();
    let widths: Vec<usize> = names
        .iter()
        .zip(&totals)
        .map(|(n, t)| n.width().max(t.width()).max(count_width + 2))
        .collect();
    for labels in [&names, &totals] {
        let mut line = " ".repeat(left);
        for (l, wd) in labels.iter().zip(&widths) {
            line.push_str(&format!("  {}", pad(l, *wd)));
        }
        writeln!(w, "{}", st.paint(BOLD_ON, line.trim_end()))?;
    }
    for r in &c.rows {
        let mut line = pad(&row_label(r), left);
        for (x, wd) in r.cells.iter().zip(&widths) {
            let cell = if x.count == 0 {
                format!("{:>count_width$}", "·")
            } else {
                format!(
                    "{:>count_width$} {}",
                    thousands(x.count),
                    shade(x.count, x.lift)
                )
            };
            line.push_str(&format!("  {}", pad(&cell, *wd)));
        }
        writeln!(w, "{}", line.trim_end())?;
    }
    Ok(())
}

/// `newsdex cooccur --format csv`: one row per pair of values.
pub fn cooccur_csv<W: Write>(w: W, c: &Cooccurrence) -> io::Result<()> {
    let mut out = ::csv::Writer::from_writer(w);
    out.write_record([
        c.rows_facet.name(),
        &format!("{}_label", c.rows_facet.name()),
        &format!("{}_count", c.rows_facet.name()),
        c.columns_facet.name(),
        &format!("{}_label", c.columns_facet.name()),
        &format!("{}_count", c.columns_facet.name()),
        "count",
        "expected",
        "lift",
    ])
    .map_err(io::Error::other)?;
    for r in &c.rows {
        for (x, col) in r.cells.iter().zip(&c.columns) {
            out.write_record([
                r.value.clone(),
                r.label.clone(),
                r.count.to_string(),
                col.value.clone(),
                col.label.clone(),
                col.count.to_string(),
                x.count.to_string(),
                format!("{:.3}", x.expected),
                x.lift.map(|l| format!("{l:.3}")).unwrap_or_default(),
            ])
            .map_err(io::Error::other)?;
        }
    }
    out.flush()
}

/// `newsdex terms`: rank, term, the share of sampled hits and of the index
/// that contain it, the JLH score.
pub fn terms_table<W: Write>(w: &mut W, t: &SignificantTerms, st: Style) -> io::Result<()> {
    let mut head = format!(
        "significant terms of {} ({}; best {} scored against {} in the index)",
        scope(&t.query),
        plural(t.total as u64, "hit", "hits"),
        thousands(t.sampled as u64),
        plural(t.background_documents, "article", "articles")
    );
    for f in &t.filters {
        head.push_str(&format!(" · {}", filter_label(f)));
    }
    head.push_str(&format!(" · {:.1} ms", t.took_ms));
    writeln!(w, "{}", st.paint(BOLD_ON, &head))?;
    if t.terms.is_empty() {
        writeln!(
            w,
            "(no word or phrase is more frequent in the hits than in the index, in at least {} of them)",
            t.min_doc_count
        )?;
        return Ok(());
    }
    let width = t
        .terms
        .iter()
        .map(|x| x.term.width())
        .max()
        .unwrap_or(4)
        .clamp(4, 40);
    writeln!(
        w,
        "{}",
        st.paint(
            DIM_ON,
            &format!(
                "   #  {}  kind    in hits         in index          JLH",
                pad("term", width)
            )
        )
    )?;
    let pct = |n: u64, of: u64| 100.0 * n as f64 / of.max(1) as f64;
    for (i, x) in t.terms.iter().enumerate() {
        let kind = match x.kind {
            TermKind::Word => "word  ",
            TermKind::Phrase => "phrase",
        };
        writeln!(
            w,
            "{:>4}  {}  {kind}  {:>5} {:>6.1}%  {:>7} {:>6.2}%  {:>9.2}",
            i + 1,
            pad(&cut(&x.term, 40), width),
            thousands(x.foreground),
            pct(x.foreground, t.sampled as u64),
            thousands(x.background),
            pct(x.background, t.background_documents),
            x.score
        )?;
    }
    Ok(())
}

/// `newsdex terms --format csv`: one row per term.
pub fn terms_csv<W: Write>(w: W, t: &SignificantTerms) -> io::Result<()> {
    let mut out = ::csv::Writer::from_writer(w);
    out.write_record([
        "term",
        "kind",
        "foreground",
        "sampled",
        "background",
        "documents",
        "score",
    ])
    .map_err(io::Error::other)?;
    for x in &t.terms {
        let kind = match x.kind {
            TermKind::Word => "word",
            TermKind::Phrase => "phrase",
        };
        out.write_record([
            x.term.clone(),
            kind.to_string(),
            x.foreground.to_string(),
            t.sampled.to_string(),
            x.background.to_string(),
            t.background_documents.to_string(),
            format!("{:.6}", x.score),
        ])
        .map_err(io::Error::other)?;
    }
    out.flush()
}

/// `newsdex similar`: the article compared with, then the hits as
/// `search` prints them.
pub fn similar_table<W: Write>(w: &mut W, r: &SimilarResults, st: Style) -> io::Result<()> {
    let mut head = format!(
        "{} like {} \"{}\"",
        plural(r.total as u64, "article", "articles"),
        r.id,
        r.title.trim()
    );
    for f in &r.filters {
        head.push_str(&format!(" · {}", filter_label(f)));
    }
    head.push_str(&format!(" · {:.1} ms", r.took_ms));
    writeln!(w, "{}", st.paint(BOLD_ON, &head))?;
    super::human::hits(w, &r.hits, st)
}

/// Copies listed under each cluster in the table before "...".
const MEMBERS_SHOWN: usize = 5;

fn day(d: Option<chrono::DateTime<chrono::Utc>>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| "----------".into())
}

/// `newsdex dupes`: each cluster with its size, dates and sources, then its
/// first copies.
pub fn dupes_table<W: Write>(w: &mut W, d: &DupeClusters, st: Style) -> io::Result<()> {
    let mut head = format!(
        "{} with copies among the hits for {} ({} in them)",
        plural(d.total_clusters as u64, "story", "stories"),
        scope(&d.query),
        plural(
            d.total_copies as u64,
            "matching article",
            "matching articles"
        )
    );
    for f in &d.filters {
        head.push_str(&format!(" · {}", filter_label(f)));
    }
    head.push_str(&format!(" · {:.1} ms", d.took_ms));
    writeln!(w, "{}", st.paint(BOLD_ON, &head))?;
    for c in &d.clusters {
        writeln!(w)?;
        writeln!(
            w,
            "{:>4} copies  {} to {}  {}",
            c.copies,
            day(c.first),
            day(c.last),
            st.paint(BOLD_ON, c.title.trim())
        )?;
        let mut meta = format!("cluster {} · {} matching", c.cluster, thousands(c.matching));
        if !c.sources.is_empty() {
            meta.push_str(&format!(" · sources: {}", c.sources.join(", ")));
        }
        writeln!(w, "             {}", st.paint(DIM_ON, &meta))?;
        for m in c.members.iter().take(MEMBERS_SHOWN) {
            writeln!(
                w,
                "             {}  {:<12} {}",
                day(m.date),
                m.id,
                m.title.trim()
            )?;
        }
        if c.copies as usize > MEMBERS_SHOWN {
            writeln!(
                w,
                "             … {} more",
                c.copies as usize - MEMBERS_SHOWN
            )?;
        }
    }
    Ok(())
}

/// `newsdex dupes --format csv`: one row per listed copy.
pub fn dupes_csv<W: Write>(w: W, d: &DupeClusters) -> io::Result<()> {
    let mut out = ::csv::Writer::from_writer(w);
    out.write_record([
        "cluster", "copies", "matching", "id", "date", "source", "title",
    ])
    .map_err(io::Error::other)?;
    for c in &d.clusters {
        for m in &c.members {
            out.write_record([
                inert(&c.cluster).as_ref(),
                &c.copies.to_string(),
                &c.matching.to_string(),
                inert(&m.id).as_ref(),
                &m.date.map(|d| d.to_rfc3339()).unwrap_or_default(),
                inert(m.source.as_deref().unwrap_or("")).as_ref(),
                inert(&m.title).as_ref(),
            ])
            .map_err(io::Error::other)?;
        }
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_maximum_and_show_small_values() {
        assert_eq!(bar(0.0, 10.0), "");
        assert_eq!(bar(10.0, 10.0).chars().count(), BAR);
        assert_eq!(bar(5.0, 10.0), "█".repeat(BAR / 2));
        assert_eq!(bar(0.001, 10.0), "▏");
    }

    #[test]
    fn long_headers_are_cut_by_display_width() {
        assert_eq!(cut("oil", 10), "oil");
        let long = cut("\"interest rates and the dollar\"", 12);
        assert!(long.ends_with('…') && long.width() <= 12, "{long}");
    }
}
