//! The query front end: tantivy's query grammar over title and body (title
//! boosted, AND by default), plus what news researchers type that tantivy's
//! query parser does not do itself: `econom*` truncation, `Borisof~1` fuzzy
//! words, and apostrophes inside words (`China's`, `O'Neill`).
//!
//! The query is parsed once, by tantivy's own grammar
//! (`tantivy::query_grammar`), into a tree. Truncated and fuzzy words are
//! leaves of that tree like any other word, so they combine with OR, NOT,
//! `-`, parentheses, boosts and fields (`title:econom*`) as words do; they
//! are analysed as the index analyses text and expanded to the index's own
//! words, scored (see `expand`). Every other leaf is handed to tantivy's
//! `QueryParser`, so phrases, ranges and sets mean what tantivy documents;
//! a `field:value` leaf on a keyword field (or a facet named by its alias,
//! `place:japan`) goes to a resolver ([`KeywordResolver`]): `search` resolves
//! facet values as the filter flags do (`crate::search::vocab`).

mod apostrophes;
mod expand;

use std::ops::Bound;

use chrono::{DateTime, Utc};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, Occur, Query, QueryParser, RangeQuery,
    TermQuery,
};
use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::{Field, FieldType, IndexRecordOption};
use tantivy::tokenizer::TokenStream;
use tantivy::{Searcher, Term};

use crate::error::{Error, Result};
use crate::index::schema::{is_text_tokenizer, news_words, TextFields};
use crate::index::Fields;
pub use expand::{Widen, MAX_EXPANSION};

/// A query as typed, parsed once: tantivy's grammar tree with the default
/// operator (AND) applied and truncated and fuzzy words recognised.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// Every document (the empty query).
    All,
    /// Sub-queries with how each must occur.
    Clause(Vec<(Occur, Node)>),
    /// `(...)^2`: a sub-query with its score multiplied.
    Boost(Box<Node>, f32),
    /// `econom*` or `Borisof~1`, in one field or the default ones, the
    /// word as typed.
    Widened {
        field: Option<String>,
        word: String,
        widen: Widen,
    },
    /// Anything else: a word, phrase, range or set for tantivy's parser.
    Leaf(Box<UserInputLeaf>),
}

/// Parse a query as typed. Fails, saying where and what would work, on what
/// tantivy's grammar rejects and on malformed truncation or fuzzy terms.
pub fn parse(query: &str) -> Result<Node> {
    let escaped = apostrophes::escape(query);
    if let Some((at, quote)) = escaped.unclosed_quote {
        let what = if quote == '"' { "double" } else { "single" };
        return Err(Error::Query(format!(
            "the {what} quote at column {} is never closed in '{query}': close it, \
             or put the words in double quotes",
            column(query, at)
        )));
    }
    let ast = tantivy::query_grammar::parse_query(&escaped.text)
        .map_err(|_| syntax_error(query, &escaped))?;
    match ast {
        UserInputAst::Clause(c) if c.is_empty() => Ok(Node::All),
        ast => from_ast(ast, query),
    }
}

/// The message for a query tantivy's grammar rejects: its own diagnosis and
/// position when its lenient parser has one, and what usually works.
fn syntax_error(query: &str, escaped: &apostrophes::Escaped) -> Error {
    let (_, errors) = tantivy::query_grammar::parse_query_lenient(&escaped.text);
    let hint = "check the parentheses and the field before ':', or put the words in \
                double quotes";
    match errors.first() {
        Some(e) => {
            let at = escaped.original_offset(e.pos.min(escaped.text.len()));
            Error::Query(format!(
                "syntax error at column {} of '{query}' ({}): {hint}",
                column(query, at),
                e.message
            ))
        }
        None => Error::Query(format!("syntax error in '{query}': {hint}")),
    }
}

/// 1-based character column of byte offset `at`.
fn column(query: &str, at: usize) -> usize {
    query.get(..at).map_or(at, |before| before.chars().count()) + 1
}

/// Where `token` appears in the query as typed, for messages.
fn at_column(query: &str, token: &str) -> String {
    query
        .find(token)
        .map(|at| format!(" at column {}", column(query, at)))
        .unwrap_or_default()
}

fn from_ast(ast: UserInputAst, query: &str) -> Result<Node> {
    Ok(match ast {
        UserInputAst::Clause(children) => Node::Clause(
            children
                .into_iter()
                // AND by default.
                .map(|(occur, child)| Ok((occur.unwrap_or(Occur::Must), from_ast(child, query)?)))
                .collect::<Result<_>>()?,
        ),
        UserInputAst::Boost(child, boost) => Node::Boost(
            Box::new(from_ast(*child, query)?),
            boost.into_inner() as f32,
        ),
        UserInputAst::Leaf(leaf) => match *leaf {
            UserInputLeaf::Literal(lit) => literal(lit, query)?,
            UserInputLeaf::All => {
                return Err(Error::Query(format!(
                    "'*'{}: truncation needs letters before the '*', as in econom*; \
                     '' (the empty query) finds every article",
                    at_column(query, "*")
                )))
            }
            other => Node::Leaf(Box::new(other)),
        },
    })
}

/// A literal: a truncated or fuzzy word, or a leaf for tantivy's parser.
/// The grammar keeps `*` and `~N` inside an unquoted word, so that is where
/// they are found (a quoted `"oil price"~2` or `"big bad wo"*` is tantivy's
/// phrase slop and phrase prefix, and stays tantivy's).
fn literal(lit: UserInputLiteral, query: &str) -> Result<Node> {
    if lit.delimiter != Delimiter::None || lit.prefix || lit.slop != 0 {
        return Ok(Node::Leaf(Box::new(UserInputLeaf::Literal(lit))));
    }
    let token = &lit.phrase;
    if let Some(stem) = token.strip_suffix('*') {
        if stem.is_empty() || stem.contains('*') {
            return Err(Error::Query(format!(
                "'{token}'{}: truncation needs letters before the '*', as in econom*",
                at_column(query, token)
            )));
        }
        return Ok(Node::Widened {
            field: lit.field_name,
            word: stem.to_string(),
            widen: Widen::Prefix,
        });
    }
    if let Some((word, dist)) = token.rsplit_once('~') {
        if !word.is_empty() && dist.chars().all(|c| c.is_ascii_digit()) {
            let distance = if dist.is_empty() {
                Ok(1)
            } else {
                dist.parse::<u8>()
            };
            return match distance {
                Ok(d) if d <= 2 => Ok(Node::Widened {
                    field: lit.field_name,
                    word: word.to_string(),
                    widen: Widen::Fuzzy(d),
                }),
                _ => Err(Error::Query(format!(
                    "'{token}'{}: fuzzy distance must be 0, 1 or 2, as in Borisof~1",
                    at_column(query, token)
                ))),
            };
        }
    }
    Ok(Node::Leaf(Box::new(UserInputLeaf::Literal(lit))))
}

/// What a `field:value` leaf on a keyword field (country, person, topic...)
/// searches for: given the field's name, its handle and the value as typed.
/// `search` resolves facet values as the matching filter does;
/// [`exact_keyword`] takes the value as stored.
pub type KeywordResolver<'a> = dyn Fn(&str, Field, &str) -> Result<Box<dyn Query>> + 'a;

/// The documents whose keyword field holds exactly `value`.
pub fn exact_keyword(_name: &str, field: Field, value: &str) -> Result<Box<dyn Query>> {
    Ok(Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    )))
}

/// Build the text part of a search. An empty query matches every document.
pub fn text_query(
    searcher: &Searcher,
    f: &Fields,
    title_boost: f32,
    query: &str,
) -> Result<Box<dyn Query>> {
    text_query_with(searcher, f, title_boost, query, &exact_keyword)
}

/// [`text_query`] with the meaning of keyword-field leaves supplied.
pub fn text_query_with(
    searcher: &Searcher,
    f: &Fields,
    title_boost: f32,
    query: &str,
    keyword: &KeywordResolver<'_>,
) -> Result<Box<dyn Query>> {
    let tree = parse(query)?;
    let text = text_in_use(searcher, f)?;
    let defaults = text.iter().flat_map(|t| [t.title, t.body]).collect();
    let mut parser = QueryParser::for_index(searcher.index(), defaults);
    parser.set_conjunction_by_default();
    for t in &text {
        parser.set_field_boost(t.title, title_boost);
    }
    let builder = Builder {
        searcher,
        f,
        title_boost,
        text,
        parser,
        keyword,
        query,
    };
    // A query whose every word analyses to nothing (`'` or `&`) finds nothing.
    Ok(builder
        .build(&tree)?
        .unwrap_or_else(|| Box::new(EmptyQuery)))
}

/// The title and body fields a query searches: the English pair, and the
/// pair of every other analyzer that some `language` value in the index
/// chooses (the values, not the text fields, are read: an empty field
/// costs tantivy a new empty reader per segment on every look, which made
/// an English index's queries a fifth slower). An index of English news
/// (Reuters) searches two fields, as before languages had their own; each
/// language with articles adds two.
pub fn text_in_use(searcher: &Searcher, f: &Fields) -> Result<Vec<TextFields>> {
    let decl = crate::schema::declaration();
    let mut used = vec![false; f.text.len()];
    used[0] = true;
    if let Some(language) = f.named(crate::schema::names::LANGUAGE) {
        for segment in searcher.segment_readers() {
            let index = segment.inverted_index(language)?;
            let mut values = index
                .terms()
                .stream()
                .map_err(tantivy::TantivyError::from)?;
            while values.advance() {
                let value = std::str::from_utf8(values.key()).ok();
                if let Some(slot) = used.get_mut(decl.analyzer_for(value)) {
                    *slot = true;
                }
            }
        }
    }
    Ok(f.text
        .iter()
        .zip(used)
        .filter_map(|(t, used)| used.then_some(*t))
        .collect())
}

/// The fields a leaf names (`title:oil`, `body:[a TO b]`), if it names one.
fn leaf_field(leaf: &UserInputLeaf) -> Option<&str> {
    match leaf {
        UserInputLeaf::Literal(lit) => lit.field_name.as_deref(),
        UserInputLeaf::Range { field, .. }
        | UserInputLeaf::Set { field, .. }
        | UserInputLeaf::Regex { field, .. } => field.as_deref(),
        UserInputLeaf::Exists { field } => Some(field),
        UserInputLeaf::All => None,
    }
}

/// The same leaf on another field.
fn with_field(leaf: &UserInputLeaf, name: &str) -> UserInputLeaf {
    let mut leaf = leaf.clone();
    match &mut leaf {
        UserInputLeaf::Literal(lit) => lit.field_name = Some(name.to_string()),
        UserInputLeaf::Range { field, .. }
        | UserInputLeaf::Set { field, .. }
        | UserInputLeaf::Regex { field, .. } => *field = Some(name.to_string()),
        UserInputLeaf::Exists { field } => *field = name.to_string(),
        UserInputLeaf::All => {}
    }
    leaf
}

/// How newsdex indexes a field, as far as queries care.
enum FieldUse {
    /// Analysed full text (`news` tokenizer): title and body.
    Text,
    /// Exact values (`raw` tokenizer): ids and facets.
    Keyword,
    /// Anything else (the date).
    Other,
}

/// Turns a parsed query into a tantivy query against one searcher.
struct Builder<'a> {
    searcher: &'a Searcher,
    f: &'a Fields,
    title_boost: f32,
    /// The title and body pairs searched ([`text_in_use`]).
    text: Vec<TextFields>,
    parser: QueryParser,
    keyword: &'a KeywordResolver<'a>,
    query: &'a str,
}

impl Builder<'_> {
    /// The query for `node`, or None when it searches for nothing at all
    /// (its words analyse to no token): such a node is left out of its
    /// clause, as tantivy's parser does.
    fn build(&self, node: &Node) -> Result<Option<Box<dyn Query>>> {
        match node {
            Node::All => Ok(Some(Box::new(AllQuery))),
            Node::Boost(child, boost) => Ok(self
                .build(child)?
                .map(|q| Box::new(BoostQuery::new(q, *boost)) as Box<dyn Query>)),
            Node::Clause(children) => {
                let mut clauses = Vec::with_capacity(children.len() + 1);
                for (occur, child) in children {
                    if let Some(q) = self.build(child)? {
                        clauses.push((*occur, q));
                    }
                }
                if clauses.is_empty() {
                    return Ok(None);
                }
                // `-trade` alone, or `(-a -b)`: everything except those.
                if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                if clauses.len() == 1 {
                    return Ok(clauses.pop().map(|(_, q)| q));
                }
                Ok(Some(Box::new(BooleanQuery::new(clauses))))
            }
            Node::Widened { field, word, widen } => {
                self.widened(field.as_deref(), word, *widen).map(Some)
            }
            Node::Leaf(leaf) => self.leaf(leaf),
        }
    }

    fn field_use(&self, field: Field) -> FieldUse {
        let entry = self.searcher.schema().get_field_entry(field);
        let tokenizer = match entry.field_type() {
            FieldType::Str(opts) => opts.get_indexing_options().map(|i| i.tokenizer()),
            _ => None,
        };
        match tokenizer {
            Some("raw") => FieldUse::Keyword,
            Some(t) if is_text_tokenizer(t) => FieldUse::Text,
            _ => FieldUse::Other,
        }
    }

    /// The fields `field` stands for in a query: every language's title for
    /// `title`, every language's body for `body`, else itself.
    fn variants(&self, field: Field) -> Vec<Field> {
        if field == self.f.title {
            self.text.iter().map(|t| t.title).collect()
        } else if field == self.f.body {
            self.text.iter().map(|t| t.body).collect()
        } else {
            vec![field]
        }
    }

    /// An index field by its name, or a facet by its name or alias
    /// (`place:japan` is the `country` field).
    fn field_named(&self, name: &str) -> Result<Field> {
        let schema = self.searcher.schema();
        schema
            .get_field(name)
            .or_else(|_| match crate::schema::FacetField::named(name) {
                Some(facet) => schema.get_field(facet.index_field_name()),
                None => Err(tantivy::TantivyError::FieldNotFound(name.to_string())),
            })
            .map_err(|_| Error::Query(format!("no field '{name}' in '{}'", self.query)))
    }

    /// A leaf for tantivy's parser, or for the keyword resolver.
    fn leaf(&self, leaf: &UserInputLeaf) -> Result<Option<Box<dyn Query>>> {
        if let UserInputLeaf::Literal(lit) = leaf {
            if let Some(name) = &lit.field_name {
                let field = self.field_named(name)?;
                if let FieldUse::Keyword = self.field_use(field) {
                    return (self.keyword)(name, field, &lit.phrase).map(Some);
                }
            }
        }
        // `title:word` searches the title of every language in the index.
        let variants = match leaf_field(leaf) {
            Some(name) => self.variants(self.field_named(name)?),
            None => Vec::new(),
        };
        if variants.len() > 1 {
            let schema = self.searcher.schema();
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for field in variants {
                let on = with_field(leaf, schema.get_field_name(field));
                if let Some(q) = self.parsed(on)? {
                    clauses.push((Occur::Should, q));
                }
            }
            return Ok(match clauses.len() {
                0 => None,
                1 => clauses.pop().map(|(_, q)| q),
                _ => Some(Box::new(BooleanQuery::new(clauses))),
            });
        }
        self.parsed(leaf.clone())
    }

    /// A leaf through tantivy's parser.
    fn parsed(&self, leaf: UserInputLeaf) -> Result<Option<Box<dyn Query>>> {
        let q = self
            .parser
            .build_query_from_user_input_ast(UserInputAst::Leaf(Box::new(leaf)))
            .map_err(|e| Error::Query(format!("{e} in '{}'", self.query)))?;
        // tantivy drops a leaf whose words all analyse away.
        Ok((!q.is::<EmptyQuery>()).then_some(q))
    }

    /// A truncated or fuzzy word: in its field, or in title (boosted) and
    /// body.
    fn widened(&self, field: Option<&str>, word: &str, widen: Widen) -> Result<Box<dyn Query>> {
        let typed = match widen {
            Widen::Prefix => format!("{word}*"),
            Widen::Fuzzy(d) => format!("{word}~{d}"),
        };
        let fields = match field {
            None => self.text.iter().flat_map(|t| [t.title, t.body]).collect(),
            Some(name) => {
                let field = self.field_named(name)?;
                if !matches!(self.field_use(field), FieldUse::Text) {
                    return Err(Error::Query(format!(
                        "'{name}:{typed}': truncation and fuzzy matching work on words of \
                         title and body; {name} takes whole values (as in {name}:value)"
                    )));
                }
                self.variants(field)
            }
        };
        let mut per_field: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for field in fields {
            let patterns = self.patterns(field, word, widen, &typed)?;
            let q = expand::scored_query(self.searcher, field, &patterns, &typed)?;
            let q: Box<dyn Query> = if self.f.is_title(field) {
                Box::new(BoostQuery::new(q, self.title_boost))
            } else {
                q
            };
            per_field.push((Occur::Should, q));
        }
        if per_field.len() == 1 {
            return Ok(per_field
                .pop()
                .map(|(_, q)| q)
                .unwrap_or_else(|| Box::new(EmptyQuery)));
        }
        Ok(Box::new(BooleanQuery::new(per_field)))
    }

    /// What a truncated or fuzzy word looks for in the index. The index
    /// holds stems (`Nicolás` is stored as `nicola`), so the word is looked
    /// for as typed (analysed: lower-cased, diacritics folded) and as the
    /// index stores it: `Nicolás*` finds the words starting with `nicolas`
    /// and the stored form `nicola` of `Nicolás` itself; `Nicolás~1` finds
    /// the words within one edit of either. The stored form is the one of
    /// `field`'s analyzer (German stems in `body_de`).
    fn patterns(
        &self,
        field: Field,
        word: &str,
        widen: Widen,
        typed: &str,
    ) -> Result<Vec<(String, Widen)>> {
        let analysed = analyse(word);
        let one = match analysed.as_slice() {
            [one] => one.clone(),
            [] => {
                return Err(Error::Query(format!(
                    "'{typed}'{}: needs letters or digits to match",
                    at_column(self.query, word)
                )))
            }
            several => {
                return Err(Error::Query(format!(
                    "'{typed}'{}: the index splits '{word}' into the words {}; \
                     truncation and fuzzy matching take one word (for a phrase \
                     ending in a prefix, write \"{}\"*)",
                    at_column(self.query, word),
                    several.join(" "),
                    several.join(" ")
                )))
            }
        };
        let mut patterns = vec![(one.clone(), widen)];
        let stored = self.stored_form(field, word)?;
        if let [stem] = stored.as_slice() {
            if *stem != one {
                let as_stored = match widen {
                    // The word itself, as stored; not every word its stem starts.
                    Widen::Prefix => Widen::Fuzzy(0),
                    Widen::Fuzzy(d) => Widen::Fuzzy(d),
                };
                patterns.push((stem.clone(), as_stored));
            }
        }
        Ok(patterns)
    }

    /// `word` through `field`'s whole analyzer, stemming included.
    fn stored_form(&self, field: Field, word: &str) -> Result<Vec<String>> {
        let mut analyzer = self.searcher.index().tokenizer_for_field(field)?;
        let mut stream = analyzer.token_stream(word);
        let mut out = Vec::new();
        stream.process(&mut |t| out.push(t.text.clone()));
        Ok(out)
    }
}

/// A word as the index analyses text, without the last step, stemming (a
/// prefix or a misspelling is not a word to stem): split where the index
/// splits, lower-cased, diacritics folded.
fn analyse(word: &str) -> Vec<String> {
    let mut analyzer = news_words().build();
    let mut stream = analyzer.token_stream(word);
    let mut out = Vec::new();
    stream.process(&mut |t| out.push(t.text.clone()));
    out
}

/// Documents carrying any of `values` in a keyword field.
pub fn any_of(field: tantivy::schema::Field, values: &[String]) -> Box<dyn Query> {
    let clauses = values
        .iter()
        .map(|v| {
            let q: Box<dyn Query> = Box::new(TermQuery::new(
                Term::from_field_text(field, v),
                IndexRecordOption::Basic,
            ));
            (Occur::Should, q)
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

/// Documents dated within `[since, until)`.
pub fn date_range(
    field: tantivy::schema::Field,
    since: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
) -> Box<dyn Query> {
    let bound = |d: Option<DateTime<Utc>>, inclusive: bool| match d {
        Some(d) => {
            let t =
                Term::from_field_date(field, tantivy::DateTime::from_timestamp_secs(d.timestamp()));
            if inclusive {
                Bound::Included(t)
            } else {
                Bound::Excluded(t)
            }
        }
        None => Bound::Unbounded,
    };
    Box::new(RangeQuery::new(bound(since, true), bound(until, false)))
}

#[cfg(test)]
mod tests;
