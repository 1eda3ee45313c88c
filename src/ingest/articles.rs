//! Adding articles built in code (rather than read from files) to an index:
//! the same enrichment, id rule and person folding as a file run.

use tantivy::{TantivyDocument, Term};

use crate::article::Article;
use crate::error::Result;
use crate::extract::people::canonical::SurnameEvidence;
use crate::extract::{ExtractMode, Extractor};
use crate::index::{document, writer, NewsIndex};

/// Writer budget for programmatic adds: small batches, one thread.
const MEMORY_BYTES: usize = 50_000_000;

/// Enrich `articles` as `mode` says and write them, replacing any article
/// with the same id, commit, and fold the index's person values. Returns how
/// many were written.
pub fn add_articles(
    news: &NewsIndex,
    articles: impl IntoIterator<Item = Article>,
    mode: ExtractMode,
) -> Result<u64> {
    let extractor = Extractor::new(mode)?;
    let mut w = news.writer(1, MEMORY_BYTES)?;
    let mut added = 0;
    let mut evidence = SurnameEvidence::default();
    for mut a in articles {
        extractor.enrich_noting(&mut a, &mut evidence);
        let doc: TantivyDocument = document::to_document(&news.fields, &a);
        w.delete_term(Term::from_field_text(news.fields.id, &a.id));
        if let Err(e) = w.add_document(doc) {
            return Err(writer::write_failure(&news.path, e.into(), &mut w));
        }
        added += 1;
    }
    if let Err(e) = w.commit() {
        return Err(writer::write_failure(&news.path, e.into(), &mut w));
    }
    // One person, one value across the index, then the near-duplicate
    // clusters, as after a file run.
    let reader = news.reader()?;
    let folded = super::settle::settle(news, &reader, &mut w, Some(&evidence), true);
    if let Err(e) = folded {
        return Err(writer::write_failure(&news.path, e, &mut w));
    }
    Ok(added)
}
