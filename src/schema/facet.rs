//! `FacetField`: a handle on one declared facet, cheap to copy and compare,
//! ordered as the declaration lists the facets.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize, Serializer};

use super::{declaration, FacetDecl, FieldDecl};
use crate::error::Error;

/// How a filter value resolves to stored values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Resolve {
    /// Through the gazetteer: names, aliases and codes to canonical ids,
    /// shown by their display names.
    Country,
    /// Folded match, then by surname (`putin` finds `Vladimir Putin`).
    Person,
    /// Folded match (case and diacritics ignored), then by words.
    Exact,
}

/// A field users can filter and count by: the position of a facet among the
/// declaration's facets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FacetField(u8);

impl FacetField {
    /// Every facet, in declaration order.
    pub fn all() -> impl Iterator<Item = FacetField> {
        (0..facet_decls().len()).map(|i| FacetField(i as u8))
    }

    /// The facet with this name or alias (ASCII case ignored).
    pub fn named(name: &str) -> Option<FacetField> {
        let want = name.trim().to_ascii_lowercase();
        facet_decls()
            .iter()
            .position(|(_, f)| f.name == want || f.aliases.contains(&want))
            .map(|i| FacetField(i as u8))
    }

    /// The facet counted from this index field.
    pub fn of_field(field: &str) -> Option<FacetField> {
        facet_decls()
            .iter()
            .position(|(d, _)| d.name == field)
            .map(|i| FacetField(i as u8))
    }

    fn decls(self) -> (&'static FieldDecl, &'static FacetDecl) {
        facet_decls()[self.0 as usize]
    }

    /// The name users type (`--facet country`).
    pub fn name(self) -> &'static str {
        &self.decl().name
    }

    /// The index field holding the values.
    pub fn index_field_name(self) -> &'static str {
        &self.field_decl().name
    }

    /// The declared field behind the facet.
    pub fn field_decl(self) -> &'static FieldDecl {
        self.decls().0
    }

    /// The declared facet options.
    pub fn decl(self) -> &'static FacetDecl {
        self.decls().1
    }

    /// How filter values resolve.
    pub fn resolve(self) -> Resolve {
        self.decl().resolve
    }

    /// The facet names, joined for messages.
    pub fn names() -> String {
        FacetField::all()
            .map(FacetField::name)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The declared facets with their fields, in declaration order: borrowed
/// from the one parsed declaration, not copied.
fn facet_decls() -> &'static [(&'static FieldDecl, &'static FacetDecl)] {
    type List = Vec<(&'static FieldDecl, &'static FacetDecl)>;
    static LIST: std::sync::LazyLock<List> = std::sync::LazyLock::new(|| {
        declaration()
            .fields
            .iter()
            .filter_map(|f| f.facet.as_ref().map(|facet| (f, facet)))
            .collect()
    });
    &LIST
}

impl fmt::Display for FacetField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for FacetField {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl FromStr for FacetField {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        FacetField::named(s).ok_or_else(|| Error::UnknownFacet {
            name: s.to_string(),
            choices: FacetField::names(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facet_names_and_aliases_parse() {
        let country = FacetField::named("country").unwrap();
        assert_eq!("Country".parse::<FacetField>().unwrap(), country);
        assert_eq!("place".parse::<FacetField>().unwrap(), country);
        assert_eq!("people".parse::<FacetField>().unwrap().name(), "person");
        let dateline = "dateline".parse::<FacetField>().unwrap();
        assert_eq!(dateline.index_field_name(), "dateline_city");
        assert_eq!(FacetField::of_field("dateline_city"), Some(dateline));
        assert!("colour".parse::<FacetField>().is_err());
    }

    #[test]
    fn facets_keep_the_declared_order() {
        let names: Vec<_> = FacetField::all().map(FacetField::name).collect();
        assert_eq!(&names[..3], ["country", "person", "topic"]);
        let mut sorted = FacetField::all().collect::<Vec<_>>();
        sorted.sort();
        assert_eq!(sorted, FacetField::all().collect::<Vec<_>>());
    }
}
