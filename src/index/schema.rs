//! Builds the tantivy schema from the declaration in `schema/newsdex.json`,
//! and registers the tokenizers of the full-text fields: `news` (English
//! stems) and one per declared language analyzer (`news_de`, ...).
//!
//! The declaration (`crate::schema`) is the single source of truth: field
//! names, kinds and options live there, and `Fields` only looks the handles
//! up by name.

use serde::de::value::StrDeserializer;
use serde::de::IntoDeserializer;
use serde::Deserialize;
use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer, TextAnalyzerBuilder, Tokenizer,
};
use tantivy::{Index, TantivyDocument};

use crate::error::{Error, Result};
use crate::schema::{
    declaration, names, AnalyzerDecl, Declaration, FacetField, FieldDecl, FieldKind,
};

/// Name of the full-text tokenizer: lower-case, fold diacritics, English stems.
pub const NEWS_TOKENIZER: &str = "news";

/// Build the tantivy schema the declaration describes.
pub fn to_schema(decl: &Declaration) -> Schema {
    let mut builder = Schema::builder();
    for f in &decl.fields {
        match f.kind {
            FieldKind::Text => {
                let analyzers = if f.by_language {
                    decl.analyzers.len()
                } else {
                    1
                };
                for i in 0..analyzers {
                    let indexing = TextFieldIndexing::default()
                        .set_tokenizer(&tokenizer_name(decl, i))
                        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
                    let mut opts = TextOptions::default().set_indexing_options(indexing);
                    if f.stored {
                        opts = opts.set_stored();
                    }
                    builder.add_text_field(&decl.text_variant(&f.name, i), opts);
                }
            }
            FieldKind::Keyword => {
                let indexing = TextFieldIndexing::default()
                    .set_tokenizer("raw")
                    .set_fieldnorms(false)
                    .set_index_option(IndexRecordOption::Basic);
                let mut opts = TextOptions::default().set_indexing_options(indexing);
                if f.stored {
                    opts = opts.set_stored();
                }
                if f.fast {
                    opts = opts.set_fast("raw");
                }
                builder.add_text_field(&f.name, opts);
            }
            FieldKind::Count => {
                // Counts are read from columns (never searched by value).
                let mut opts = NumericOptions::default().set_fast();
                if f.stored {
                    opts = opts.set_stored();
                }
                builder.add_u64_field(&f.name, opts);
            }
            FieldKind::Date => {
                let mut opts = DateOptions::default()
                    .set_indexed()
                    .set_precision(DateTimePrecision::Seconds);
                if f.stored {
                    opts = opts.set_stored();
                }
                if f.fast {
                    opts = opts.set_fast();
                }
                builder.add_date_field(&f.name, opts);
            }
        }
    }
    builder.build()
}

/// The tokenizer of the analyzer at `analyzer` in the declaration: `news`
/// for the first, `news_de` for `de`.
pub fn tokenizer_name(decl: &Declaration, analyzer: usize) -> String {
    match decl.analyzers.get(analyzer) {
        Some(a) if analyzer > 0 => format!("{NEWS_TOKENIZER}_{}", a.name),
        _ => NEWS_TOKENIZER.to_string(),
    }
}

/// Whether a field is analysed full text (title, body, dateline and their
/// language variants), by its tokenizer's name.
pub fn is_text_tokenizer(name: &str) -> bool {
    name == NEWS_TOKENIZER
        || name
            .strip_prefix(NEWS_TOKENIZER)
            .and_then(|rest| rest.strip_prefix('_'))
            .is_some_and(|a| declaration().analyzers.iter().any(|d| d.name == a))
}

/// Register newsdex's tokenizers on an index (needed after every open).
pub fn register_tokenizers(index: &Index) {
    let decl = declaration();
    let news = news_words()
        .filter(super::stem_cache::CachedEnglishStemmer)
        .build();
    index.tokenizers().register(NEWS_TOKENIZER, news);
    for (i, a) in decl.analyzers.iter().enumerate().skip(1) {
        index
            .tokenizers()
            .register(&tokenizer_name(decl, i), language_analyzer(a));
    }
}

/// The analyzer of articles in another language than English: words,
/// over-long ones dropped, lower-cased, stemmed by the language's own
/// stemmer (when it has one), then diacritics folded. Folding comes after
/// the stemmer, as in Elasticsearch's language analyzers, since the
/// Snowball stemmers of these languages read their accented letters
/// (`Häuser` stems to `haus` only with its `ä`); a declared stemmer tantivy
/// does not know leaves the words unstemmed (the tests check every one).
pub fn language_analyzer(a: &AnalyzerDecl) -> TextAnalyzer {
    let words = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser);
    match a.stemmer.as_deref().and_then(stemmer_language) {
        Some(language) => words
            .filter(Stemmer::new(language))
            .filter(AsciiFoldingFilter)
            .build(),
        None => words.filter(AsciiFoldingFilter).build(),
    }
}

/// tantivy's stemmer language by its name (`German`).
fn stemmer_language(name: &str) -> Option<Language> {
    let name: StrDeserializer<'_, serde::de::value::Error> = name.into_deserializer();
    Language::deserialize(name).ok()
}

/// The `news` analyzer up to its last step, English stemming: words,
/// over-long ones dropped, lower-cased, diacritics folded. Whatever analyses
/// text as the index does (snippets, benches) starts from this.
pub fn news_words() -> TextAnalyzerBuilder<impl Tokenizer> {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
}

/// The title and body fields of one language analyzer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextFields {
    /// The analyzer's position in the declaration (0: English, unknown).
    pub analyzer: usize,
    pub title: Field,
    pub body: Field,
}

/// Handles of the index fields: the ones the code refers to by name, and
/// every declared field by its position in the declaration.
#[derive(Debug, Clone)]
pub struct Fields {
    pub id: Field,
    /// Title and body of English articles and those of unknown language;
    /// `text` has them all.
    pub title: Field,
    pub body: Field,
    /// Title and body per language analyzer, in declaration order (the
    /// first are `title` and `body`). An article's text is in one pair.
    pub text: Vec<TextFields>,
    pub dateline: Field,
    pub date: Field,
    pub path: Field,
    /// Near-duplicate cluster id, copy count and LSH keys (`index::dupes`).
    pub cluster: Field,
    pub copies: Field,
    pub band_keys: Field,
    /// One handle per declared field, in declaration order.
    declared: Vec<(&'static FieldDecl, Field)>,
    /// The declared fields carried as article values, in declaration order.
    attributes: Vec<(&'static FieldDecl, Field)>,
    /// The same, sorted by name: `to_document` finds each value's field
    /// here (a binary search per value the article has, instead of a map
    /// lookup per declared field per article).
    attributes_by_name: Vec<(&'static str, &'static FieldDecl, Field)>,
}

impl Fields {
    /// Look every declared field up in `schema`; fails if one is missing.
    pub fn new(schema: &Schema) -> Result<Fields> {
        let get = |name: &str| {
            schema.get_field(name).map_err(|_| {
                Error::SchemaDeclaration(format!("field '{name}' missing from the index schema"))
            })
        };
        let mut declared = Vec::new();
        for d in &declaration().fields {
            declared.push((d, get(&d.name)?));
        }
        let attributes: Vec<_> = declared
            .iter()
            .filter(|(d, _)| d.is_attribute())
            .copied()
            .collect();
        let mut attributes_by_name: Vec<_> = attributes
            .iter()
            .map(|&(d, f)| (d.name.as_str(), d, f))
            .collect();
        attributes_by_name.sort_by_key(|&(name, ..)| name);
        let decl = declaration();
        let text = (0..decl.analyzers.len())
            .map(|i| {
                Ok(TextFields {
                    analyzer: i,
                    title: get(&decl.text_variant(names::TITLE, i))?,
                    body: get(&decl.text_variant(names::BODY, i))?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Fields {
            text,
            attributes,
            attributes_by_name,
            id: get(names::ID)?,
            title: get(names::TITLE)?,
            body: get(names::BODY)?,
            dateline: get(names::DATELINE)?,
            date: get(names::DATE)?,
            path: get(names::PATH)?,
            cluster: get(names::CLUSTER)?,
            copies: get(names::COPIES)?,
            band_keys: get(names::BAND_KEYS)?,
            declared,
        })
    }

    /// The handle of a declared field.
    pub fn named(&self, name: &str) -> Option<Field> {
        self.declared
            .iter()
            .find(|(d, _)| d.name == name)
            .map(|(_, f)| *f)
    }

    /// Where the title and body of an article in `language` are indexed.
    pub fn text_for(&self, language: Option<&str>) -> TextFields {
        let i = declaration().analyzer_for(language);
        self.text.get(i).copied().unwrap_or(self.text[0])
    }

    /// Where a stored document's title and body are: the first pair that
    /// holds a value (the English pair for a document with neither).
    pub fn text_of(&self, doc: &TantivyDocument) -> TextFields {
        self.text
            .iter()
            .find(|t| doc.get_first(t.title).is_some() || doc.get_first(t.body).is_some())
            .copied()
            .unwrap_or(self.text[0])
    }

    /// Whether `field` is a title, in any language.
    pub fn is_title(&self, field: Field) -> bool {
        self.text.iter().any(|t| t.title == field)
    }

    /// The handle of the field behind a facet.
    pub fn facet(&self, facet: FacetField) -> Field {
        let name = facet.index_field_name();
        // Every facet is a declared field, and `new` found every declared
        // field, so the lookup cannot miss; the id field is a harmless
        // stand-in that keeps this infallible.
        self.named(name).unwrap_or(self.id)
    }

    /// Declared keyword fields carried as article values, with handles.
    pub fn attributes(&self) -> impl Iterator<Item = (&'static FieldDecl, Field)> + '_ {
        self.attributes.iter().copied()
    }

    /// The declared attribute field with this name, with its handle.
    pub fn attribute(&self, name: &str) -> Option<(&'static FieldDecl, Field)> {
        let i = self
            .attributes_by_name
            .binary_search_by(|&(n, ..)| n.cmp(name))
            .ok()?;
        let (_, d, f) = self.attributes_by_name[i];
        Some((d, f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declaration_builds_a_schema_with_every_field() {
        let decl = declaration();
        let schema = to_schema(decl);
        let variants = 2 * (decl.analyzers.len() - 1);
        assert_eq!(schema.fields().count(), decl.fields.len() + variants);
        let f = Fields::new(&schema).unwrap();
        assert_eq!(f.text.len(), decl.analyzers.len());
        assert_eq!(f.text[0].title, f.title);
        assert_eq!(
            schema.get_field_name(f.text_for(Some("de")).body),
            "body_de"
        );
        for facet in FacetField::all() {
            assert_eq!(
                schema.get_field_name(f.facet(facet)),
                facet.index_field_name()
            );
        }
    }

    fn tokens(a: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut s = a.token_stream(text);
        s.process(&mut |t| out.push(t.text.clone()));
        out
    }

    fn analyzer(language: &str) -> TextAnalyzer {
        let decl = declaration();
        language_analyzer(&decl.analyzers[decl.analyzer_for(Some(language))])
    }

    #[test]
    fn every_declared_stemmer_is_one_tantivy_has() {
        for a in &declaration().analyzers {
            if let Some(name) = &a.stemmer {
                assert!(stemmer_language(name).is_some(), "{name}");
            }
        }
        assert_eq!(stemmer_language("Klingon"), None);
    }

    #[test]
    fn german_words_get_german_stems_then_folded() {
        let mut de = analyzer("de");
        // Plural and singular meet, and so do the umlaut and its absence.
        assert_eq!(
            tokens(&mut de, "Häuser Haus Hauses"),
            ["haus", "haus", "haus"]
        );
        assert_eq!(tokens(&mut de, "Lieder Lied"), ["lied", "lied"]);
        // English stems make the German `Lied` (song) the English `lie`,
        // which `lies` and `lied` also become; German stems keep them apart.
        let mut en = news_words()
            .filter(super::super::stem_cache::CachedEnglishStemmer)
            .build();
        assert_eq!(tokens(&mut en, "Lied lies"), ["lie", "lie"]);
        assert_eq!(tokens(&mut de, "lies"), ["lies"]);
    }

    #[test]
    fn other_languages_get_their_own_stems_or_none() {
        assert_eq!(
            tokens(&mut analyzer("es"), "elecciones"),
            tokens(&mut analyzer("es"), "elección")
        );
        assert_eq!(tokens(&mut analyzer("fr"), "économiques"), ["econom"]);
        // No stemmer for Polish: the words are folded, not stemmed.
        assert_eq!(
            tokens(&mut analyzer("pl"), "Wyborów Łódź"),
            ["wyborow", "lodz"]
        );
    }

    #[test]
    fn facet_fields_are_fast_keywords() {
        for f in declaration().facet_fields() {
            assert_eq!(f.kind, FieldKind::Keyword, "{}", f.name);
            assert!(f.fast, "{} must be fast to be counted", f.name);
        }
    }
}
