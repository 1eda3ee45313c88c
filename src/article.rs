//! The article every input format is parsed into, and every later stage
//! (extraction, indexing, `extract` output) reads from.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One news article with the fields newsdex knows about.
///
/// Parsers fill what their format gives; `extract::enrich` fills `countries`
/// and `people` where the format gave none.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Unique id: Reuters NEWID, JSONL `id`, or a path-derived id for text files.
    pub id: String,
    pub title: String,
    pub body: String,
    /// The dateline lead as written, e.g. `CARACAS (Reuters)` or `SALVADOR, Feb 26`.
    pub dateline: Option<String>,
    /// Cities named by the dateline, title-cased: `["Washington", "New York"]`.
    pub dateline_cities: Vec<String>,
    /// News agency named in the dateline or the source (`Reuters`, `AP`, `AFP`).
    pub agency: Option<String>,
    pub date: Option<DateTime<Utc>>,
    /// People as given by the source, or display names found by extraction.
    pub people: Vec<String>,
    /// Countries as given by the source (Reuters PLACES codes or names), or
    /// canonical ids found by extraction. Canonicalised by `extract::canonical_country`.
    pub countries: Vec<String>,
    pub topics: Vec<String>,
    pub orgs: Vec<String>,
    pub exchanges: Vec<String>,
    pub companies: Vec<String>,
    pub author: Option<String>,
    /// Publisher or collection: `reuters`, `bbc`, `agnews`, or the JSONL `source`.
    pub source: Option<String>,
    /// Section of the publication, e.g. the BBC folder name (`business`).
    pub section: Option<String>,
    pub url: Option<String>,
    /// Reuters-21578 LEWISSPLIT / CGISPLIT attributes.
    pub lewis_split: Option<String>,
    pub cgi_split: Option<String>,
    /// File the article came from (for messages and `show`).
    pub path: String,
    /// True when people/countries came from editor tags (Reuters PLACES/PEOPLE),
    /// so extraction must not replace them.
    pub tagged: bool,
}
