//! The field declaration (`schema/newsdex.json`), read once: every field and
//! facet newsdex knows, with how it is indexed, shown, read from input and
//! filtered. The tantivy schema (`index::schema`), the article's keyword
//! values, the stored record, the facet list, the filter flags, the table
//! labels and the JSON Schemas (`json_schema`) all follow from it, so adding
//! a keyword facet means adding it here and filling it in a parser.

mod facet;
pub mod json_schema;
pub mod openapi;

use std::sync::LazyLock;

use serde::Deserialize;

pub use facet::{FacetField, Resolve};

/// The declaration file, embedded at build time.
pub const DECLARATION: &str = include_str!("../../schema/newsdex.json");

/// Names of the fields the code itself reads or writes; every other keyword
/// field is carried by name from input to index to output.
pub mod names {
    pub const ID: &str = "id";
    pub const TITLE: &str = "title";
    pub const BODY: &str = "body";
    pub const DATELINE: &str = "dateline";
    pub const DATE: &str = "date";
    pub const PATH: &str = "path";
    pub const COUNTRY: &str = "country";
    pub const PERSON: &str = "person";
    pub const TOPIC: &str = "topic";
    pub const ORG: &str = "org";
    pub const EXCHANGE: &str = "exchange";
    pub const COMPANY: &str = "company";
    pub const DATELINE_CITY: &str = "dateline_city";
    pub const SOURCE: &str = "source";
    pub const SECTION: &str = "section";
    pub const AGENCY: &str = "agency";
    pub const AUTHOR: &str = "author";
    pub const TITLE_DERIVED: &str = "title_derived";
    pub const URL: &str = "url";
    pub const SITE: &str = "site";
    pub const LANGUAGE: &str = "language";
    pub const LEWIS_SPLIT: &str = "lewis_split";
    pub const CGI_SPLIT: &str = "cgi_split";
    pub const CLUSTER: &str = "cluster";
    pub const COPIES: &str = "copies";
    pub const BAND_KEYS: &str = "band_keys";

    /// Fields the article holds as fields of its own (not keyword values).
    pub const CORE: [&str; 6] = [ID, TITLE, BODY, DATELINE, DATE, PATH];
}

/// The kinds of field newsdex declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    /// Tokenised, stemmed full text with positions (phrases, snippets).
    Text,
    /// Exact values (ids, countries, people): filters and facets.
    Keyword,
    /// A UTC date-time, indexed for ranges and fast for sorting/histograms.
    Date,
    /// An unsigned integer (a count, a hash key): fast, optionally stored.
    Count,
}

/// How a facet turns what a user typed into stored values.
#[derive(Debug, Clone, Deserialize)]
pub struct FacetDecl {
    /// The name users type (`--facet country`, `--country`).
    pub name: String,
    /// Other names accepted for it (`place` for `country`).
    #[serde(default)]
    pub aliases: Vec<String>,
    pub resolve: Resolve,
    /// Placeholder of the filter flag's value in `--help`.
    pub value_name: String,
    /// The filter flag's help line.
    pub help: String,
}

/// One field of the declaration.
#[derive(Debug, Clone, Deserialize)]
pub struct FieldDecl {
    /// The index field name.
    pub name: String,
    pub kind: FieldKind,
    #[serde(default)]
    pub stored: bool,
    #[serde(default)]
    pub fast: bool,
    /// Query-time boost of a text field.
    #[serde(default)]
    pub boost: Option<f32>,
    /// A keyword with several values per article (a list in JSON).
    #[serde(default)]
    pub many: bool,
    /// Key in JSON output.
    pub json: String,
    /// Label in tables.
    pub label: String,
    /// Keys read from JSON Lines objects and CSV headers into this field.
    #[serde(default)]
    pub input: Vec<String>,
    /// Shown with every search hit.
    #[serde(default)]
    pub hit: bool,
    /// Present when the field can be counted and filtered by.
    #[serde(default)]
    pub facet: Option<FacetDecl>,
    /// Kept for the engine (such as near-duplicate keys), never shown.
    #[serde(default)]
    pub hidden: bool,
    /// A text field indexed with the analyzer of the article's language:
    /// one index field per analyzer ([`Declaration::text_variant`]).
    #[serde(default)]
    pub by_language: bool,
    #[serde(default)]
    pub doc: String,
}

/// How the text of articles in some languages is analysed.
#[derive(Debug, Clone, Deserialize)]
pub struct AnalyzerDecl {
    /// Short name: the suffix of its index fields (`title_de`).
    pub name: String,
    /// The stemmer's language as tantivy names it (`German`); none: the
    /// words are not stemmed.
    pub stemmer: Option<String>,
    /// The `language` values that choose it: primary subtags or names,
    /// lower case.
    #[serde(default)]
    pub languages: Vec<String>,
    /// Chosen for a named language that no analyzer lists.
    #[serde(default)]
    pub other: bool,
    #[serde(default)]
    pub doc: String,
}

impl FieldDecl {
    /// A field shown as a named value of the article: every keyword field
    /// but the id and the file path, and every count that is not hidden.
    pub fn is_attribute(&self) -> bool {
        !self.hidden
            && matches!(self.kind, FieldKind::Keyword | FieldKind::Count)
            && !names::CORE.contains(&self.name.as_str())
    }
}

/// The whole declaration file.
#[derive(Debug, Clone, Deserialize)]
pub struct Declaration {
    pub version: u32,
    /// The text analyzers by language; the first is for English and for
    /// articles whose language is unknown.
    pub analyzers: Vec<AnalyzerDecl>,
    pub fields: Vec<FieldDecl>,
}

static PARSED: LazyLock<Declaration> = LazyLock::new(|| {
    // The file is compiled in and checked by the tests below, so a failure
    // here is a build defect, never something a user's input can cause.
    Declaration::parse(DECLARATION).expect("schema/newsdex.json is valid (checked by tests)")
});

/// The declaration newsdex was built with.
pub fn declaration() -> &'static Declaration {
    &PARSED
}

impl Declaration {
    /// Parse a declaration and check what serde cannot: unique names, facets
    /// only on fast keywords, text-only boosts.
    pub fn parse(text: &str) -> Result<Declaration, String> {
        let decl: Declaration = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let mut seen = std::collections::BTreeSet::new();
        let mut facet_names = std::collections::BTreeSet::new();
        for f in &decl.fields {
            if !seen.insert(f.name.as_str()) {
                return Err(format!("field '{}' is declared twice", f.name));
            }
            if let Some(facet) = &f.facet {
                if f.kind != FieldKind::Keyword || !f.fast {
                    return Err(format!(
                        "facet '{}' must be a fast keyword field",
                        facet.name
                    ));
                }
                for name in std::iter::once(&facet.name).chain(&facet.aliases) {
                    if !facet_names.insert(name.as_str()) {
                        return Err(format!("facet name '{name}' is used twice"));
                    }
                }
            }
            if f.kind == FieldKind::Count && !f.fast {
                return Err(format!("a count must be fast ('{}')", f.name));
            }
            if f.boost.is_some() && f.kind != FieldKind::Text {
                return Err(format!("only text fields take a boost ('{}')", f.name));
            }
            if f.by_language && f.kind != FieldKind::Text {
                return Err(format!("only text fields go by language ('{}')", f.name));
            }
        }
        decl.check_analyzers()?;
        for core in names::CORE {
            if !decl.fields.iter().any(|f| f.name == core) {
                return Err(format!("field '{core}' is missing"));
            }
        }
        Ok(decl)
    }

    /// Analyzer names unique, each language listed once, one analyzer at
    /// most for other languages, and every variant field name free.
    fn check_analyzers(&self) -> Result<(), String> {
        if self.analyzers.is_empty() {
            return Err("no analyzer is declared".into());
        }
        let mut names = std::collections::BTreeSet::new();
        let mut languages = std::collections::BTreeSet::new();
        for a in &self.analyzers {
            if !names.insert(a.name.as_str()) {
                return Err(format!("analyzer '{}' is declared twice", a.name));
            }
            for l in &a.languages {
                if !languages.insert(l.as_str()) {
                    return Err(format!("language '{l}' is given to two analyzers"));
                }
            }
        }
        if self.analyzers.iter().filter(|a| a.other).count() > 1 {
            return Err("two analyzers are for other languages".into());
        }
        for f in self.fields.iter().filter(|f| f.by_language) {
            for i in 1..self.analyzers.len() {
                let variant = self.text_variant(&f.name, i);
                if self.field(&variant).is_some() {
                    return Err(format!("field '{variant}' is also a language variant"));
                }
            }
        }
        Ok(())
    }

    /// The analyzer (its position in `analyzers`) for an article whose
    /// `language` value is this: the value itself or its primary subtag
    /// (`de-AT` is `de`), lower case, as an analyzer lists it; a named
    /// language no analyzer lists goes to the one for other languages; no
    /// language at all, to the first.
    pub fn analyzer_for(&self, language: Option<&str>) -> usize {
        let Some(value) = language.map(str::trim).filter(|l| !l.is_empty()) else {
            return 0;
        };
        let value = value.to_lowercase();
        let primary = value.split(['-', '_']).next().unwrap_or(&value);
        let listed = |code: &str| {
            self.analyzers
                .iter()
                .position(|a| a.languages.iter().any(|l| l == code))
        };
        listed(&value)
            .or_else(|| listed(primary))
            .or_else(|| self.analyzers.iter().position(|a| a.other))
            .unwrap_or(0)
    }

    /// The index field holding the text of a by-language field for
    /// articles of the analyzer at `analyzer`: the field itself for the
    /// first analyzer, `title_de` for `de`.
    pub fn text_variant(&self, field: &str, analyzer: usize) -> String {
        match self.analyzers.get(analyzer) {
            Some(a) if analyzer > 0 => format!("{field}_{}", a.name),
            _ => field.to_string(),
        }
    }

    /// The field with this index name.
    pub fn field(&self, name: &str) -> Option<&FieldDecl> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Keyword fields carried as named article values, in declaration order.
    pub fn attributes(&self) -> impl Iterator<Item = &FieldDecl> {
        self.fields.iter().filter(|f| f.is_attribute())
    }

    /// The fields that can be used as facets and filters.
    pub fn facet_fields(&self) -> impl Iterator<Item = &FieldDecl> {
        self.fields.iter().filter(|f| f.facet.is_some())
    }

    /// Boost of the title field at query time.
    pub fn title_boost(&self) -> f32 {
        self.field(names::TITLE)
            .and_then(|f| f.boost)
            .unwrap_or(1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_declaration_is_valid() {
        let d = Declaration::parse(DECLARATION).unwrap();
        assert!(d.facet_fields().count() >= 10);
        assert!(d.field(names::COUNTRY).unwrap().many);
    }

    #[test]
    fn every_name_the_code_uses_is_declared() {
        let d = declaration();
        for name in [
            names::COUNTRY,
            names::PERSON,
            names::TOPIC,
            names::ORG,
            names::EXCHANGE,
            names::COMPANY,
            names::DATELINE_CITY,
            names::SOURCE,
            names::SECTION,
            names::AGENCY,
            names::AUTHOR,
            names::TITLE_DERIVED,
            names::URL,
            names::LEWIS_SPLIT,
            names::CGI_SPLIT,
            names::CLUSTER,
            names::COPIES,
        ] {
            assert!(d.field(name).is_some_and(|f| f.is_attribute()), "{name}");
        }
        let keys = d.field(names::BAND_KEYS).expect("band_keys");
        assert!(keys.hidden && keys.fast && !keys.is_attribute());
    }

    #[test]
    fn an_articles_language_chooses_its_analyzer() {
        let d = declaration();
        let name = |l: Option<&str>| d.analyzers[d.analyzer_for(l)].name.as_str();
        assert_eq!(name(None), "en");
        assert_eq!(name(Some("")), "en");
        assert_eq!(name(Some("en")), "en");
        assert_eq!(name(Some("en-GB")), "en");
        assert_eq!(name(Some("und")), "en");
        assert_eq!(name(Some("de")), "de");
        assert_eq!(name(Some("de-AT")), "de");
        assert_eq!(name(Some(" DE_ch ")), "de");
        assert_eq!(name(Some("German")), "de");
        assert_eq!(name(Some("es")), "es");
        assert_eq!(name(Some("pt-BR")), "pt");
        assert_eq!(name(Some("nb")), "no");
        assert_eq!(name(Some("ru")), "ru");
        // Named languages without a stemmer are not stemmed as English.
        assert_eq!(name(Some("zh")), "plain");
        assert_eq!(name(Some("pl")), "plain");
        assert_eq!(d.analyzers[0].stemmer.as_deref(), Some("English"));
        assert!(d
            .analyzers
            .iter()
            .find(|a| a.other)
            .unwrap()
            .stemmer
            .is_none());
    }

    #[test]
    fn by_language_fields_have_a_variant_per_analyzer() {
        let d = declaration();
        let de = d.analyzer_for(Some("de"));
        assert_eq!(d.text_variant(names::TITLE, 0), "title");
        assert_eq!(d.text_variant(names::TITLE, de), "title_de");
        assert_eq!(d.text_variant(names::BODY, de), "body_de");
        assert!(d.field(names::TITLE).unwrap().by_language);
        assert!(d.field(names::BODY).unwrap().by_language);
        assert!(!d.field(names::DATELINE).unwrap().by_language);
    }

    #[test]
    fn bad_declarations_are_refused() {
        let twice = r#"{"version":1,"analyzers":[{"name":"en","stemmer":null}],"fields":[
            {"name":"id","kind":"keyword","json":"id","label":"id"},
            {"name":"id","kind":"keyword","json":"id","label":"id"}]}"#;
        assert!(Declaration::parse(twice).unwrap_err().contains("twice"));
        let slow_facet = r#"{"version":1,"analyzers":[{"name":"en","stemmer":null}],"fields":[
            {"name":"x","kind":"keyword","json":"x","label":"x",
             "facet":{"name":"x","resolve":"exact","value_name":"X","help":"h"}}]}"#;
        assert!(Declaration::parse(slow_facet).unwrap_err().contains("fast"));
        let shared = r#"{"version":1,"analyzers":[
            {"name":"en","stemmer":"English","languages":["en"]},
            {"name":"x","stemmer":null,"languages":["en"]}],"fields":[]}"#;
        assert!(Declaration::parse(shared)
            .unwrap_err()
            .contains("two analyzers"));
    }
}
