//! The query front end on parsed trees and on a small in-memory index.

use tantivy::collector::TopDocs;
use tantivy::{doc, Index, IndexWriter, TantivyDocument};

use super::*;
use crate::index::schema::{register_tokenizers, to_schema};
use crate::schema::declaration;

fn word(w: &str) -> Node {
    Node::Leaf(Box::new(UserInputLeaf::Literal(UserInputLiteral {
        field_name: None,
        phrase: w.into(),
        delimiter: Delimiter::None,
        slop: 0,
        prefix: false,
    })))
}

fn widened(w: &str, widen: Widen) -> Node {
    Node::Widened {
        field: None,
        word: w.into(),
        widen,
    }
}

/// The widened words of a tree with how they occur in their clause.
fn widened_in(node: &Node) -> Vec<(Option<Occur>, String)> {
    match node {
        Node::Widened { word, .. } => vec![(None, word.clone())],
        Node::Clause(c) => c
            .iter()
            .flat_map(|(o, n)| {
                widened_in(n)
                    .into_iter()
                    .map(move |(inner, w)| (inner.or(Some(*o)), w))
            })
            .collect(),
        Node::Boost(n, _) => widened_in(n),
        Node::All | Node::Leaf(_) => Vec::new(),
    }
}

#[test]
fn truncated_and_fuzzy_words_are_leaves_of_the_tree() {
    use Occur::*;
    let prefix = Widen::Prefix;
    let cases: Vec<(&str, Node)> = vec![
        (
            "oil econom*",
            Node::Clause(vec![(Must, word("oil")), (Must, widened("econom", prefix))]),
        ),
        (
            "Borisof~1 visit",
            Node::Clause(vec![
                (Must, widened("Borisof", Widen::Fuzzy(1))),
                (Must, word("visit")),
            ]),
        ),
        (
            "-coff* tea",
            Node::Clause(vec![
                (MustNot, widened("coff", prefix)),
                (Must, word("tea")),
            ]),
        ),
        (
            "econom* OR trade",
            Node::Clause(vec![
                (Should, widened("econom", prefix)),
                (Should, word("trade")),
            ]),
        ),
        (
            "econom* -trade",
            Node::Clause(vec![
                (Must, widened("econom", prefix)),
                (MustNot, word("trade")),
            ]),
        ),
        ("Borisof~", widened("Borisof", Widen::Fuzzy(1))),
        ("Borisof~0", widened("Borisof", Widen::Fuzzy(0))),
        (
            "title:oil*",
            Node::Widened {
                field: Some("title".into()),
                word: "oil".into(),
                widen: prefix,
            },
        ),
        ("", Node::All),
        ("   ", Node::All),
    ];
    for (q, want) in cases {
        assert_eq!(parse(q).unwrap(), want, "{q}");
    }
    // Nested: the widened word keeps its place inside the parentheses.
    let t = parse("(econom* OR trade) AND -Borisof~2").unwrap();
    assert_eq!(
        widened_in(&t),
        vec![
            (Some(Should), "econom".into()),
            (Some(MustNot), "Borisof".into())
        ]
    );
}

#[test]
fn quoted_phrases_keep_tantivys_slop_and_prefix() {
    for q in [
        "\"big bad wo\"*",
        "\"cut oil~\" x",
        "\"oil price\"~2",
        "oil AND gas",
        "'interest rates'",
    ] {
        assert_eq!(widened_in(&parse(q).unwrap()), vec![], "{q}");
    }
}

#[test]
fn bad_truncation_and_fuzzy_terms_are_errors() {
    for (q, says) in [
        ("*", "truncation needs letters"),
        ("oil **", "truncation needs letters"),
        ("Borisof~7", "fuzzy distance must be 0, 1 or 2"),
        ("Borisof~300", "fuzzy distance must be 0, 1 or 2"),
    ] {
        let e = parse(q).unwrap_err().to_string();
        assert!(e.contains(says), "{q}: {e}");
    }
    let e = parse("oil Borisof~7").unwrap_err().to_string();
    assert!(e.contains("column 5"), "{e}");
}

#[test]
fn apostrophes_parse_as_words() {
    for q in [
        "China's",
        "O'Neill",
        "Reagan's budget",
        "Côte d'Ivoire",
        "don't",
        "title:China's OR O'Neill",
        "'China's economy'",
    ] {
        parse(q).unwrap_or_else(|e| panic!("{q}: {e}"));
    }
}

#[test]
fn syntax_errors_say_where_and_what_works() {
    let e = parse("oil 'tis").unwrap_err().to_string();
    assert!(e.contains("column 5"), "{e}");
    assert!(e.contains("double quotes"), "{e}");
    let e = parse("title:(oil").unwrap_err().to_string();
    assert!(e.contains("syntax error at column"), "{e}");
    assert!(e.contains("double quotes"), "{e}");
}

/// An in-memory index with newsdex's schema and these (title, body) stories.
fn index_of(stories: &[(&str, &str)]) -> (Index, Fields) {
    let schema = to_schema(declaration());
    let f = Fields::new(&schema).unwrap();
    let index = Index::create_in_ram(schema);
    register_tokenizers(&index);
    let mut w: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
    for (i, (title, body)) in stories.iter().enumerate() {
        w.add_document(doc!(f.id => i.to_string(), f.title => *title, f.body => *body))
            .unwrap();
    }
    w.commit().unwrap();
    (index, f)
}

/// Ids and scores of the hits of `q`, best first.
fn hits(index: &Index, f: &Fields, q: &str) -> Vec<(String, f32)> {
    let searcher = index.reader().unwrap().searcher();
    let query = text_query(&searcher, f, 2.0, q).unwrap_or_else(|e| panic!("{q}: {e}"));
    let top = searcher
        .search(&*query, &TopDocs::with_limit(100).order_by_score())
        .unwrap();
    top.into_iter()
        .map(|(score, addr)| {
            let d: TantivyDocument = searcher.doc(addr).unwrap();
            (crate::index::document::first_text(&d, f.id).unwrap(), score)
        })
        .collect()
}

fn ids(h: &[(String, f32)]) -> Vec<&str> {
    let mut v: Vec<&str> = h.iter().map(|(i, _)| i.as_str()).collect();
    v.sort_unstable();
    v
}

fn stories() -> (Index, Fields) {
    index_of(&[
        ("China's exports", "China's trade surplus grew."),
        (
            "Talks",
            "O'Neill met Nicolás Ardito Barletta in Côte d'Ivoire.",
        ),
        (
            "Economy",
            "The economy, the economy and the economic outlook.",
        ),
        ("Markets", "An economist spoke. Trade was slow."),
        ("Coffee", "Coffee prices rose on trade news."),
        (
            "Visit",
            "Borisov visited Moscow. Nicolas Ardito said he don't know.",
        ),
    ])
}

#[test]
fn apostrophes_search_as_the_index_splits_them() {
    let (index, f) = stories();
    assert_eq!(ids(&hits(&index, &f, "China's")), ["0"]);
    assert_eq!(ids(&hits(&index, &f, "O'Neill")), ["1"]);
    assert_eq!(ids(&hits(&index, &f, "Côte d'Ivoire")), ["1"]);
    assert_eq!(ids(&hits(&index, &f, "don't")), ["5"]);
    assert_eq!(ids(&hits(&index, &f, "China's trade")), ["0"]);
}

#[test]
fn truncated_and_fuzzy_words_combine_like_words() {
    let (index, f) = stories();
    assert_eq!(ids(&hits(&index, &f, "econom*")), ["2", "3"]);
    assert_eq!(ids(&hits(&index, &f, "econom* OR coffee")), ["2", "3", "4"]);
    assert_eq!(ids(&hits(&index, &f, "econom* -trade")), ["2"]);
    assert_eq!(ids(&hits(&index, &f, "econom* AND NOT trade")), ["2"]);
    assert_eq!(
        ids(&hits(&index, &f, "(econom* OR coff*) trade")),
        ["3", "4"]
    );
    assert_eq!(ids(&hits(&index, &f, "title:econom*")), ["2"]);
    assert_eq!(ids(&hits(&index, &f, "body:econom* -title:econom*")), ["3"]);
    assert_eq!(ids(&hits(&index, &f, "-econom*")), ["0", "1", "4", "5"]);
    assert_eq!(ids(&hits(&index, &f, "Borisof~1 OR coffee")), ["4", "5"]);
    assert_eq!(ids(&hits(&index, &f, "xyzzy* OR coffee")), ["4"]);
    assert!(hits(&index, &f, "xyzzy*").is_empty());
}

#[test]
fn truncated_and_fuzzy_words_go_through_the_index_analyzer() {
    let (index, f) = stories();
    let want = ["1", "5"];
    assert_eq!(ids(&hits(&index, &f, "nicol*")), want);
    assert_eq!(ids(&hits(&index, &f, "Nicolás*")), want);
    assert_eq!(ids(&hits(&index, &f, "NICOLÁS~1")), want);
    assert_eq!(ids(&hits(&index, &f, "Côte*")), ["1"]);
    let searcher = index.reader().unwrap().searcher();
    let e = text_query(&searcher, &f, 2.0, "China's*").err().unwrap();
    assert!(e.to_string().contains("\"china s\"*"), "{e}");
}

#[test]
fn truncated_and_fuzzy_hits_are_ranked() {
    let (index, f) = stories();
    let h = hits(&index, &f, "econom*");
    // Title and three body words outrank one body word.
    assert_eq!(h[0].0, "2");
    assert!(h[0].1 > h[1].1, "{h:?}");
    // A prefix scores as the word it matches does.
    let exact = hits(&index, &f, "borisov");
    let fuzzy = hits(&index, &f, "Borisof~1");
    assert_eq!(fuzzy.len(), 1);
    assert!(
        (exact[0].1 - fuzzy[0].1).abs() < 1e-4,
        "{exact:?} {fuzzy:?}"
    );
}

#[test]
fn a_term_matching_too_many_words_fails_clearly() {
    let words: Vec<String> = (0..=MAX_EXPANSION).map(|i| format!("zz{i}")).collect();
    let body = words.join(" ");
    let (index, f) = index_of(&[("t", &body)]);
    let searcher = index.reader().unwrap().searcher();
    let e = text_query(&searcher, &f, 2.0, "zz*")
        .err()
        .unwrap()
        .to_string();
    assert!(e.contains("matches more than"), "{e}");
    assert!(text_query(&searcher, &f, 2.0, "zz1*").is_ok());
}

#[test]
fn keyword_field_leaves_go_to_the_resolver() {
    let (index, f) = stories();
    let searcher = index.reader().unwrap().searcher();
    let seen = std::cell::RefCell::new(Vec::new());
    let resolver = |name: &str, field: Field, value: &str| {
        seen.borrow_mut()
            .push((name.to_string(), value.to_string()));
        exact_keyword(name, field, value)
    };
    text_query_with(
        &searcher,
        &f,
        2.0,
        "oil country:Japan person:\"Ronald Reagan\"",
        &resolver,
    )
    .unwrap();
    assert_eq!(
        *seen.borrow(),
        [
            ("country".to_string(), "Japan".to_string()),
            ("person".to_string(), "Ronald Reagan".to_string())
        ]
    );
    let e = text_query(&searcher, &f, 2.0, "person:Reag*")
        .err()
        .unwrap();
    assert!(e.to_string().contains("whole values"), "{e}");
}

#[test]
fn queries_search_the_fields_of_the_languages_the_index_holds() {
    let (index, f) = index_of(&[("Oil prices rise", "Crude oil rose on Monday.")]);
    let searcher = index.reader().unwrap().searcher();
    // An English index: title and body only, as before languages.
    assert_eq!(text_in_use(&searcher, &f).unwrap(), vec![f.text[0]]);
    let de = f.text_for(Some("de"));
    let mut w: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
    let language = f.named(crate::schema::names::LANGUAGE).unwrap();
    w.add_document(doc!(
        f.id => "de",
        language => "de-DE",
        de.title => "Ölpreise steigen",
        de.body => "Die Häuser am Hafen."
    ))
    .unwrap();
    w.commit().unwrap();
    let searcher = index.reader().unwrap().searcher();
    assert_eq!(text_in_use(&searcher, &f).unwrap(), vec![f.text[0], de]);
    // German stems: `Haus` finds `Häuser`; `title:` covers the German title.
    assert_eq!(ids(&hits(&index, &f, "Haus")), ["de"]);
    assert_eq!(ids(&hits(&index, &f, "title:ölpreis")), ["de"]);
    assert_eq!(ids(&hits(&index, &f, "title:oil")), ["0"]);
    assert_eq!(ids(&hits(&index, &f, "hafe*")), ["de"]);
}
