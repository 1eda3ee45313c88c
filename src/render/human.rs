//! Output for people: aligned plain text, with query terms highlighted in
//! colour on a terminal (never when NO_COLOR is set or output is piped).

use std::io::{self, Write};

use anstyle::Style as Paint;
use unicode_width::UnicodeWidthStr;

use crate::index::document::{Shown, StoredArticle};
use crate::ingest::IndexSummary;
use crate::search::stats::IndexStats;
use crate::search::{AppliedFilter, FacetListing, Highlighted, SearchResults};
use crate::search::{FacetCounts, FacetValue, Histogram};

/// Query terms in hits.
const HL_ON: Paint = Paint::new()
    .bold()
    .fg_color(Some(anstyle::Color::Ansi(anstyle::AnsiColor::Yellow)));
/// Ids, scores and tags: secondary.
pub(crate) const DIM_ON: Paint = Paint::new().dimmed();
/// Headers and titles.
pub(crate) const BOLD_ON: Paint = Paint::new().bold();

/// Styling for one output stream.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    pub(crate) fn paint(&self, code: Paint, s: &str) -> String {
        if self.color {
            format!("{code}{s}{code:#}")
        } else {
            s.to_string()
        }
    }

    fn highlighted(&self, h: &Highlighted) -> String {
        if !self.color || h.highlights.is_empty() {
            return h.text.clone();
        }
        let mut out = String::with_capacity(h.text.len() + 16 * h.highlights.len());
        let mut at = 0;
        for [s, e] in &h.highlights {
            let (s, e) = (*s.max(&at), (*e).min(h.text.len()));
            if s >= e || !h.text.is_char_boundary(s) || !h.text.is_char_boundary(e) {
                continue;
            }
            out.push_str(&h.text[at..s]);
            out.push_str(&self.paint(HL_ON, &h.text[s..e]));
            at = e;
        }
        out.push_str(&h.text[at..]);
        out
    }
}

/// `1234567` → `1,234,567`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Search results: header line, hits with snippets, facet tables, histogram.
pub fn search<W: Write>(w: &mut W, r: &SearchResults, st: Style) -> io::Result<()> {
    let counted = match &r.collapse {
        Some(_) => plural(r.total as u64, "story", "stories"),
        None => plural(r.total as u64, "hit", "hits"),
    };
    let mut header = format!("{counted} for {}", scope(&r.query));
    for f in &r.filters {
        header.push_str(&format!(" · {}", filter_label(f)));
    }
    if r.since.is_some() || r.until.is_some() {
        let d = |x: Option<chrono::DateTime<chrono::Utc>>| {
            x.map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_else(|| "…".into())
        };
        header.push_str(&format!(" · date {} to before {}", d(r.since), d(r.until)));
    }
    if let Some(c) = &r.collapse {
        let by = match c.by {
            crate::search::Collapse::Earliest => "earliest",
            crate::search::Collapse::Best => "best-scoring",
        };
        header.push_str(&format!(
            " · copies collapsed into the {by} ({} hidden)",
            thousands(c.hidden_copies)
        ));
    }
    header.push_str(&format!(" · {:.1} ms", r.took_ms));
    writeln!(w, "{}", st.paint(BOLD_ON, &header))?;
    if r.hits.is_empty() && r.total > 0 && r.limit > 0 {
        writeln!(
            w,
            "(no hits on this page: --offset {} is past the last hit)",
            r.offset
        )?;
    }
    hits(w, &r.hits, st)?;
    for counts in &r.facets {
        writeln!(w)?;
        facet_table(w, counts, st)?;
    }
    if let Some(h) = &r.histogram {
        writeln!(w)?;
        histogram(w, h, st)?;
    }
    Ok(())
}

/// Hits: rank, date, dateline, id and score; title; snippet; tags.
pub(crate) fn hits<W: Write>(w: &mut W, hits: &[crate::search::Hit], st: Style) -> io::Result<()> {
    for h in hits {
        writeln!(w)?;
        let date = h
            .date
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| "----------".into());
        let mut meta = format!("id {}", h.id);
        if let Some(s) = h.score {
            meta.push_str(&format!(" · score {s:.2}"));
        }
        if let Some(Shown::Count(n @ 2..)) = h.values.get(crate::schema::names::COPIES) {
            meta.push_str(&format!(
                " · +{} {}",
                n - 1,
                if *n == 2 { "copy" } else { "copies" }
            ));
        }
        let dateline = h.dateline.as_deref().unwrap_or("");
        writeln!(
            w,
            "{:>4}  {date}  {dateline}  {}",
            h.rank,
            st.paint(DIM_ON, &meta)
        )?;
        writeln!(w, "      {}", st.paint(BOLD_ON, &st.highlighted(&h.title)))?;
        if !h.snippet.text.is_empty() {
            writeln!(w, "      {}", one_line(&st.highlighted(&h.snippet)))?;
        }
        // The hit's list fields (countries, people, topics, ...); single
        // values such as the source would repeat on every line.
        let tags: Vec<String> = h
            .values
            .0
            .iter()
            .filter(|(d, v)| d.many && !v.values().is_empty())
            .map(|(d, v)| format!("{}: {}", d.label, v.display()))
            .collect();
        if !tags.is_empty() {
            writeln!(w, "      {}", st.paint(DIM_ON, &tags.join(" · ")))?;
        }
    }
    Ok(())
}

/// `1 hit`, `2 hits`, `1,493 hits`.
pub(crate) fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// What a query covers, for headers: `all articles`, `"oil"`, and a query
/// that holds double quotes itself as typed (`"trade deficit"`), not
/// quoted again.
pub(crate) fn scope(query: &str) -> String {
    let q = query.trim();
    if q.is_empty() {
        "all articles".to_string()
    } else if q.contains('"') {
        q.to_string()
    } else {
        format!("\"{q}\"")
    }
}

/// Values of a filter shown in the header before "...".
const FILTER_VALUES_SHOWN: usize = 5;

/// A filter in the header: `country: Japan`, or, where what was typed
/// stands for more values than were typed (a surname shared by several
/// people), which values it matched: `person: bush (4 values: George W
/// Bush, George Bush, ...)`.
pub(crate) fn filter_label(f: &AppliedFilter) -> String {
    if f.values.len() <= f.requested.len() {
        return format!("{}: {}", f.facet.name(), f.labels.join(" OR "));
    }
    let mut shown: Vec<&str> = f
        .labels
        .iter()
        .take(FILTER_VALUES_SHOWN)
        .map(String::as_str)
        .collect();
    if f.labels.len() > FILTER_VALUES_SHOWN {
        shown.push("...");
    }
    format!(
        "{}: {} ({} values: {})",
        f.facet.name(),
        f.requested.join(" OR "),
        f.values.len(),
        shown.join(", ")
    )
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One facet's counts as a two-column table.
pub fn facet_table<W: Write>(w: &mut W, c: &FacetCounts, st: Style) -> io::Result<()> {
    let title = match c.other_values {
        0 => c.facet.name().to_string(),
        n => format!(
            "{} (top {} of {}; the other {} counted {})",
            c.facet.name(),
            c.values.len(),
            plural(c.values.len() as u64 + n, "value", "values"),
            thousands(n),
            plural(c.other, "time", "times")
        ),
    };
    writeln!(w, "{}", st.paint(BOLD_ON, &title))?;
    if c.values.is_empty() && c.other_values == 0 {
        writeln!(w, "  (no values among the hits)")?;
    }
    value_rows(w, &c.values)
}

fn value_rows<W: Write>(w: &mut W, values: &[FacetValue]) -> io::Result<()> {
    let width = values
        .iter()
        .map(|v| v.label.width())
        .max()
        .unwrap_or(0)
        .min(40);
    for v in values {
        let id = if v.label != v.value {
            format!("  ({})", v.value)
        } else {
            String::new()
        };
        // Pad by display width: CJK labels take two columns a character.
        let pad = " ".repeat(width.saturating_sub(v.label.width()));
        writeln!(w, "  {}{pad}  {:>8}{id}", v.label, thousands(v.count))?;
    }
    Ok(())
}

/// A histogram as rows with bars.
pub fn histogram<W: Write>(w: &mut W, h: &Histogram, st: Style) -> io::Result<()> {
    writeln!(
        w,
        "{}",
        st.paint(
            BOLD_ON,
            &format!("hits per {:?}", h.interval).to_lowercase()
        )
    )?;
    let max = h.buckets.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    for b in &h.buckets {
        let bar = "█".repeat(((b.count as f64 / max as f64) * 40.0).round() as usize);
        writeln!(w, "  {:<10}  {:>8}  {bar}", b.key, thousands(b.count))?;
    }
    if h.undated > 0 {
        writeln!(w, "  (undated: {})", thousands(h.undated))?;
    }
    Ok(())
}

/// Skipped files listed by name in the `index` summary.
const SKIPPED_FILES_SHOWN: usize = 20;

/// `newsdex index`: counts, then the files skipped as a whole with reasons.
pub fn summary<W: Write>(w: &mut W, s: &IndexSummary) -> io::Result<()> {
    writeln!(
        w,
        "indexed {} from {} in {:.1} s ({:.0} docs/s) into {}",
        plural(s.indexed, "article", "articles"),
        plural(s.files as u64, "file", "files"),
        s.seconds,
        s.docs_per_second,
        s.index
    )?;
    writeln!(
        w,
        "  replaced (same id already indexed): {} ({} from a different file)",
        thousands(s.replaced),
        thousands(s.replaced_other_file)
    )?;
    writeln!(
        w,
        "  documents in the index: {}",
        thousands(s.total_documents)
    )?;
    match &s.duplicates {
        Some(d) => writeln!(
            w,
            "  near-duplicates: {} in {} (this run rewrote {})",
            plural(d.clustered_articles, "article", "articles"),
            plural(d.clusters, "cluster", "clusters"),
            thousands(d.rewritten)
        )?,
        None => writeln!(w, "  near-duplicates: not looked for in this run")?,
    }
    if s.people.articles_rewritten > 0 {
        writeln!(
            w,
            "  people: {} values before folding, {} after (one per person; {} articles rewritten)",
            thousands(s.people.values_before),
            thousands(s.people.values_after),
            thousands(s.people.articles_rewritten)
        )?;
    }
    if s.skipped.is_empty() {
        writeln!(w, "  skipped: none")?;
    } else {
        let parts: Vec<String> = s.skipped.iter().map(|(k, v)| format!("{k} {v}")).collect();
        writeln!(w, "  skipped: {}", parts.join(", "))?;
    }
    if !s.skipped_files_by_extension.is_empty() {
        let parts: Vec<String> = s
            .skipped_files_by_extension
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        writeln!(w, "  files not read (by extension): {}", parts.join(", "))?;
    }
    if !s.skipped_records.is_empty() {
        let parts: Vec<String> = s
            .skipped_records
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        writeln!(w, "  archive records passed over: {}", parts.join(", "))?;
    }
    // Whole files that were skipped, each with its reason.
    let skipped_files: Vec<_> = s
        .warning_details
        .iter()
        .filter(|d| d.record.is_none() && d.kind.skips())
        .collect();
    for d in skipped_files.iter().take(SKIPPED_FILES_SHOWN) {
        writeln!(w, "    {}: {} ({})", d.path, d.message, d.kind)?;
    }
    if skipped_files.len() > SKIPPED_FILES_SHOWN {
        writeln!(
            w,
            "    ... and {} more skipped files (see --format json)",
            skipped_files.len() - SKIPPED_FILES_SHOWN
        )?;
    }
    if s.warnings.is_empty() {
        writeln!(w, "  warnings: none")?;
    } else {
        let parts: Vec<String> = s.warnings.iter().map(|(k, v)| format!("{k} {v}")).collect();
        writeln!(
            w,
            "  warnings: {} (see above or --format json)",
            parts.join(", ")
        )?;
    }
    Ok(())
}

/// `newsdex check`.
pub fn check<W: Write>(w: &mut W, r: &crate::index::check::CheckReport) -> io::Result<()> {
    writeln!(
        w,
        "{}: {} documents in {} segments",
        r.index,
        thousands(r.documents),
        r.segments
    )?;
    if r.healthy() {
        writeln!(
            w,
            "  ok: checksums match, every document has an id, no id twice"
        )?;
    }
    for p in &r.problems {
        writeln!(w, "  problem: {p}")?;
    }
    Ok(())
}

/// `newsdex optimize`.
pub fn optimize<W: Write>(w: &mut W, r: &crate::index::optimize::OptimizeReport) -> io::Result<()> {
    let mb = |b: u64| b as f64 / 1e6;
    if r.merges == 0 {
        return writeln!(
            w,
            "{}: {} in {}, at most {} asked: nothing to merge",
            r.index,
            plural(r.documents_before, "document", "documents"),
            plural(r.segments_before as u64, "segment", "segments"),
            r.max_segments
        );
    }
    writeln!(
        w,
        "{}: {} merged into {} in {:.1} s",
        r.index,
        plural(r.segments_before as u64, "segment", "segments"),
        r.segments_after,
        r.seconds
    )?;
    writeln!(w, "  documents    {}", thousands(r.documents_after))?;
    writeln!(
        w,
        "  deleted      {} purged, {} left",
        thousands(r.deleted_before.saturating_sub(r.deleted_after)),
        thousands(r.deleted_after)
    )?;
    writeln!(
        w,
        "  size on disk {:.1} MB (was {:.1} MB)",
        mb(r.bytes_after),
        mb(r.bytes_before)
    )
}

/// `newsdex stats`.
pub fn stats<W: Write>(w: &mut W, s: &IndexStats) -> io::Result<()> {
    let d = |x: Option<chrono::DateTime<chrono::Utc>>| {
        x.map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| "-".into())
    };
    writeln!(w, "index        {}", s.index)?;
    writeln!(w, "documents    {}", thousands(s.documents))?;
    writeln!(
        w,
        "date range   {} to {} ({} undated)",
        d(s.earliest),
        d(s.latest),
        thousands(s.undated)
    )?;
    writeln!(
        w,
        "size on disk {:.1} MB in {} segments",
        s.size_bytes as f64 / 1e6,
        s.segments
    )?;
    writeln!(w, "distinct values")?;
    for (k, v) in &s.distinct {
        writeln!(w, "  {k:<10} {:>8}", thousands(*v as u64))?;
    }
    writeln!(w, "documents per source")?;
    value_rows(w, &s.sources)
}

/// `newsdex facets`.
pub fn facet_listing<W: Write>(w: &mut W, l: &FacetListing, st: Style) -> io::Result<()> {
    let mut head = format!(
        "{}: {} of {}, over {} ({})",
        l.facet.name(),
        thousands(l.values.len() as u64),
        plural(l.distinct_values as u64, "value", "values"),
        scope(&l.query),
        plural(l.total_documents as u64, "document", "documents")
    );
    if let Some(m) = &l.matched {
        head.push_str(&format!(", matching '{m}'"));
    }
    let name = l.facet.name();
    if l.own_filter_ignored {
        head.push_str(&format!(
            "; counts ignore the {name} filter; add --within to count inside it"
        ));
    } else if l.within {
        head.push_str(&format!("; counted inside the {name} filter"));
    }
    writeln!(w, "{}", st.paint(BOLD_ON, &head))?;
    value_rows(w, &l.values)
}

/// `newsdex show`: every field, then the body.
pub fn article<W: Write>(w: &mut W, a: &StoredArticle, st: Style) -> io::Result<()> {
    writeln!(w, "{}", st.paint(BOLD_ON, &a.title))?;
    let mut row = |k: &str, v: String| -> io::Result<()> {
        if !v.is_empty() {
            writeln!(w, "{k:<12} {v}")?;
        }
        Ok(())
    };
    row("id", a.id.clone())?;
    row("date", a.date.map(|d| d.to_rfc3339()).unwrap_or_default())?;
    row("dateline", a.dateline.clone().unwrap_or_default())?;
    for (decl, shown) in &a.values.0 {
        let text = match shown {
            Shown::Countries(c) => c
                .iter()
                .map(|c| format!("{} ({})", c.name, c.id))
                .collect::<Vec<_>>()
                .join(", "),
            other => other.display(),
        };
        row(&decl.label, text)?;
    }
    row("file", a.path.clone().unwrap_or_default())?;
    writeln!(w)?;
    writeln!(w, "{}", a.body.trim_end())
}
