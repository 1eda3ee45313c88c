//! Precision and recall of near-duplicate clusters on a labelled set
//! generated from the shared corpus (see `newsdex::eval_dupes`).
//!
//! `cargo run --release --example score_dupes [BASES] [NEGATIVES]`
//! (defaults 200 and 3; the corpus from `$NEWSDEX_CORPUS` or ../shared/corpus).

use newsdex::eval_dupes::{labelled_set, score};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let bases: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(200);
    let negatives: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(3);
    let corpus = newsdex::eval::default_corpus_dir().ok_or_else(|| {
        anyhow::anyhow!("no corpus: set NEWSDEX_CORPUS or place it at ../shared/corpus")
    })?;
    let set = labelled_set(&corpus, bases, negatives)?;
    let dir = tempfile::tempdir()?;
    let r = score(&set, &dir.path().join("idx"))?;
    println!(
        "{} articles: {} bases, {} copies, {} negatives (other stories on the same topics)",
        r.articles,
        r.bases,
        r.articles - r.bases - r.negatives,
        r.negatives
    );
    println!(
        "pairs in one cluster {}, from different bases {}: precision {:.4}",
        r.clustered_pairs, r.wrong_pairs, r.precision
    );
    println!("strength  copies  found  recall");
    for s in &r.by_strength {
        println!(
            "{:>7}%  {:>6}  {:>5}  {:.3}",
            s.strength, s.copies, s.found, s.recall
        );
    }
    println!("recall on copies keeping 70% or more: {:.4}", r.recall_70);
    for (a, b) in &r.wrong_examples {
        println!("wrongly joined: {a} + {b}");
    }
    if let Ok(id) = std::env::var("DUPES_DEBUG") {
        use newsdex::index::dupes::signature::{fingerprint, Overlap};
        let fp: Vec<_> = set.iter().map(|l| fingerprint(&l.article.body)).collect();
        // Every pair from different bases that the overlap rule calls copies.
        let _ = id;
        for (i, a) in set.iter().enumerate() {
            for (j, b) in set.iter().enumerate().skip(i + 1) {
                let o = Overlap::of(&fp[i], &fp[j]);
                if a.family != b.family && o.is_copy() {
                    println!("{} ~ {}: {o:?}", a.article.id, b.article.id);
                }
            }
        }
    }
    Ok(())
}
