//! Builds the tantivy schema from the declaration in `schema/newsdex.json`,
//! and registers the `news` tokenizer used by the full-text fields.
//!
//! The declaration (`crate::schema`) is the single source of truth: field
//! names, kinds and options live there, and `Fields` only looks the handles
//! up by name.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
    TextAnalyzerBuilder, Tokenizer,
};
use tantivy::Index;

use crate::error::{Error, Result};
use crate::schema::{declaration, names, Declaration, FacetField, FieldDecl, FieldKind};

/// Name of the full-text tokenizer: lower-case, fold diacritics, English stems.
pub const NEWS_TOKENIZER: &str = "news";

/// Build the tantivy schema the declaration describes.
pub fn to_schema(decl: &Declaration) -> Schema {
    let mut builder = Schema::builder();
    for f in &decl.fields {
        match f.kind {
            FieldKind::Text => {
                let indexing = TextFieldIndexing::default()
                    .set_tokenizer(NEWS_TOKENIZER)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions);
                let mut opts = TextOptions::default().set_indexing_options(indexing);
                if f.stored {
                    opts = opts.set_stored();
                }
                builder.add_text_field(&f.name, opts);
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

/// Register newsdex's tokenizers on an index (needed after every open).
pub fn register_tokenizers(index: &Index) {
    let news = news_words()
        .filter(super::stem_cache::CachedEnglishStemmer)
        .build();
    index.tokenizers().register(NEWS_TOKENIZER, news);
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

/// Handles of the index fields: the ones the code refers to by name, and
/// every declared field by its position in the declaration.
#[derive(Debug, Clone)]
pub struct Fields {
    pub id: Field,
    pub title: Field,
    pub body: Field,
    pub dateline: Field,
    pub date: Field,
    pub path: Field,
    /// Near-duplicate cluster id, copy count and LSH keys (`index::dupes`).
    pub cluster: Field,
    pub copies: Field,
    pub dup_keys: Field,
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
        Ok(Fields {
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
            dup_keys: get(names::DUP_KEYS)?,
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
        assert_eq!(schema.fields().count(), decl.fields.len());
        let f = Fields::new(&schema).unwrap();
        for facet in FacetField::all() {
            assert_eq!(
                schema.get_field_name(f.facet(facet)),
                facet.index_field_name()
            );
        }
    }

    #[test]
    fn facet_fields_are_fast_keywords() {
        for f in declaration().facet_fields() {
            assert_eq!(f.kind, FieldKind::Keyword, "{}", f.name);
            assert!(f.fast, "{} must be fast to be counted", f.name);
        }
    }
}
