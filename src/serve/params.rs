//! Request parameters to the library's requests, with the server's caps.
//!
//! The parameters are the command line's flags: `q`, one per facet (its
//! name or an alias, repeatable: OR within a facet, AND across facets),
//! `filter=FACET:VALUE`, `since`, `until`, `facet`, `facet_top`,
//! `histogram`, `sort`, `limit`, `offset`. An unknown parameter is an
//! error, as a mistyped flag is, rather than a filter silently ignored.

use std::collections::BTreeMap;

use crate::schema::FacetField;
use crate::search::{Interval, Period, SearchRequest, SortOrder};

use super::problem::Problem;

/// Longest query, in characters.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// Longest query string of a request, in bytes.
pub const MAX_QUERY_STRING: usize = 16 * 1024;
/// Most hits one page may hold.
pub const MAX_LIMIT: usize = 100;
/// Deepest page start (as Elasticsearch's `max_result_window`, less).
pub const MAX_OFFSET: usize = 10_000;
/// Most values a facet may list.
pub const MAX_FACET_TOP: usize = 1_000;
/// Most filter values in one request.
pub const MAX_FILTER_VALUES: usize = 100;
/// Most queries compared at once.
pub const MAX_COMPARED: usize = 8;

/// The decoded parameters of one request, in order.
pub struct Params(Vec<(String, String)>);

impl Params {
    /// Decode a raw query string (`None`: no parameters).
    pub fn parse(raw: Option<&str>) -> Result<Params, Problem> {
        let raw = raw.unwrap_or("");
        if raw.len() > MAX_QUERY_STRING {
            return Err(Problem::bad_param(
                "q",
                format!("the request's parameters are longer than {MAX_QUERY_STRING} bytes"),
            ));
        }
        Ok(Params(
            form_urlencoded::parse(raw.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        ))
    }

    /// Every value of `key`.
    pub fn all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The one value of `key`; given twice is an error.
    pub fn one<'a>(&'a self, key: &'a str) -> Result<Option<&'a str>, Problem> {
        let mut values = self.all(key);
        let first = values.next();
        if values.next().is_some() {
            return Err(Problem::bad_param(
                key,
                format!("'{key}' is given more than once; give it once"),
            ));
        }
        Ok(first)
    }

    /// A number parameter within `[0, max]`, or `default`.
    pub fn number(&self, key: &str, default: usize, max: usize) -> Result<usize, Problem> {
        let Some(v) = self.one(key)? else {
            return Ok(default);
        };
        let n: usize = v
            .trim()
            .parse()
            .map_err(|_| Problem::bad_param(key, format!("'{key}={v}' is not a whole number")))?;
        if n > max {
            return Err(Problem::bad_param(
                key,
                format!("'{key}={n}' is more than the most this server allows, {max}"),
            ));
        }
        Ok(n)
    }

    /// Fail on a parameter that is neither in `known` nor a facet name.
    pub fn check_known(&self, known: &[&str]) -> Result<(), Problem> {
        for (k, _) in &self.0 {
            if !known.contains(&k.as_str()) && FacetField::named(k).is_none() {
                return Err(Problem::bad_param(
                    k,
                    format!(
                        "unknown parameter '{k}'; use {} or a facet ({})",
                        known.join(", "),
                        FacetField::names()
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// The parameters `/api/search` and `/api/export.csv` take besides facets.
pub const SEARCH_PARAMS: &[&str] = &[
    "q",
    "filter",
    "since",
    "until",
    "facet",
    "facet_top",
    "histogram",
    "sort",
    "collapse",
    "limit",
    "offset",
];

/// The query and filters of a request (`q`, facets, `filter`, `since`,
/// `until`): what `search`, `facets`, `compare` and `export` share.
pub fn filter_request(p: &Params, query: &str) -> Result<SearchRequest, Problem> {
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(Problem::bad_param(
            "q",
            format!("the query is longer than {MAX_QUERY_CHARS} characters"),
        ));
    }
    let mut filters: BTreeMap<FacetField, Vec<String>> = BTreeMap::new();
    let mut count = 0;
    let mut add = |facet: FacetField, value: &str, param: &str| -> Result<(), Problem> {
        if value.trim().is_empty() {
            return Err(Problem::bad_param(
                param,
                format!(
                    "an empty {} filter matches nothing; give a value",
                    facet.name()
                ),
            ));
        }
        count += 1;
        if count > MAX_FILTER_VALUES {
            return Err(Problem::bad_param(
                param,
                format!("more than {MAX_FILTER_VALUES} filter values in one request"),
            ));
        }
        let values = filters.entry(facet).or_default();
        if !values.iter().any(|v| v == value) {
            values.push(value.to_string());
        }
        Ok(())
    };
    for (k, v) in &p.0 {
        if k == "filter" {
            let (name, value) = v.split_once([':', '=']).ok_or_else(|| {
                Problem::bad_param(
                    "filter",
                    format!("'filter={v}': write FACET:VALUE, as in country:japan"),
                )
            })?;
            let facet = FacetField::named(name).ok_or_else(|| {
                Problem::bad_param(
                    "filter",
                    format!(
                        "'filter={v}': unknown facet '{name}'; choose one of: {}",
                        FacetField::names()
                    ),
                )
            })?;
            add(facet, value, "filter")?;
        } else if let Some(facet) = FacetField::named(k) {
            add(facet, v, k)?;
        }
    }
    let since = date_bound(p, "since", false)?;
    let until = date_bound(p, "until", true)?;
    if let (Some(s), Some(u)) = (since, until) {
        if s >= u {
            return Err(Problem::bad_param(
                "until",
                "the range is empty: until is before since",
            ));
        }
    }
    Ok(SearchRequest {
        query: query.to_string(),
        filters,
        since,
        until,
        ..SearchRequest::default()
    })
}

/// A search request: the filters, then facets, histogram, sort and paging.
pub fn search_request(p: &Params) -> Result<SearchRequest, Problem> {
    let query = p.one("q")?.unwrap_or("");
    let mut req = filter_request(p, query)?;
    for name in p.all("facet") {
        let facet = FacetField::named(name).ok_or_else(|| {
            Problem::bad_param(
                "facet",
                format!(
                    "unknown facet '{name}'; choose one of: {}",
                    FacetField::names()
                ),
            )
        })?;
        if !req.facets.contains(&facet) {
            req.facets.push(facet);
        }
    }
    req.facet_top = p.number("facet_top", 10, MAX_FACET_TOP)?;
    req.histogram = histogram(p)?;
    req.limit = p.number("limit", 10, MAX_LIMIT)?;
    req.offset = p.number("offset", 0, MAX_OFFSET)?;
    if let Some(s) = p.one("sort")? {
        req.sort = s.parse::<SortOrder>().map_err(|_| {
            Problem::bad_param("sort", format!("'sort={s}': use relevance, date or -date"))
        })?;
    }
    req.collapse = collapse(p)?;
    Ok(req)
}

/// `collapse=earliest|best`, if given.
pub fn collapse(p: &Params) -> Result<Option<crate::search::Collapse>, Problem> {
    p.one("collapse")?
        .map(|c| {
            c.parse().map_err(|_| {
                Problem::bad_param("collapse", format!("'collapse={c}': use earliest or best"))
            })
        })
        .transpose()
}

/// `histogram=day|week|month|year`, if given.
pub fn histogram(p: &Params) -> Result<Option<Interval>, Problem> {
    p.one("histogram")?
        .map(|h| match h.trim() {
            "day" => Ok(Interval::Day),
            "week" => Ok(Interval::Week),
            "month" => Ok(Interval::Month),
            "year" => Ok(Interval::Year),
            other => Err(Problem::bad_param(
                "histogram",
                format!("'histogram={other}': use day, week, month or year"),
            )),
        })
        .transpose()
}

/// `since` (the start of the period) or `until` (the end of it: `until=1987-03`
/// includes all of March).
fn date_bound(
    p: &Params,
    key: &str,
    end: bool,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, Problem> {
    let Some(v) = p.one(key)? else {
        return Ok(None);
    };
    if v.trim().is_empty() {
        return Ok(None);
    }
    let period = Period::parse(v).ok_or_else(|| {
        Problem::bad_param(
            key,
            format!("'{key}={v}' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"),
        )
    })?;
    Ok(Some(if end { period.end } else { period.start }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(s: &str) -> Params {
        Params::parse(Some(s)).unwrap()
    }

    #[test]
    fn facets_and_the_general_form_become_filters() {
        let req = search_request(&params(
            "q=oil&country=JP&place=us&filter=topic:crude&facet=country&histogram=month&limit=5",
        ))
        .unwrap();
        let country = FacetField::named("country").unwrap();
        let topic = FacetField::named("topic").unwrap();
        assert_eq!(req.query, "oil");
        assert_eq!(req.filters[&country], ["JP", "us"]);
        assert_eq!(req.filters[&topic], ["crude"]);
        assert_eq!(req.facets, [country]);
        assert_eq!(req.histogram, Some(Interval::Month));
        assert_eq!(req.limit, 5);
    }

    #[test]
    fn caps_and_bad_values_are_400s_naming_the_parameter() {
        for (q, param) in [
            ("limit=101", "limit"),
            ("offset=10001", "offset"),
            ("limit=ten", "limit"),
            ("histogram=hour", "histogram"),
            ("sort=popular", "sort"),
            ("since=1987-13", "since"),
            ("since=1988&until=1987", "until"),
            ("filter=colour:red", "filter"),
            ("filter=country", "filter"),
            ("country=", "country"),
            ("facet=colour", "facet"),
            ("q=a&q=b", "q"),
        ] {
            let e = search_request(&params(q))
                .err()
                .unwrap_or_else(|| panic!("{q}"));
            assert_eq!(e.status, 400, "{q}");
            assert_eq!(e.param.as_deref(), Some(param), "{q}");
        }
        let long = format!("q={}", "a".repeat(MAX_QUERY_CHARS + 1));
        assert_eq!(search_request(&params(&long)).err().unwrap().status, 400);
    }

    #[test]
    fn unknown_parameters_are_named() {
        let e = params("q=oil&colour=red")
            .check_known(SEARCH_PARAMS)
            .unwrap_err();
        assert_eq!(e.param.as_deref(), Some("colour"));
        assert!(params("q=oil&people=putin")
            .check_known(SEARCH_PARAMS)
            .is_ok());
    }

    #[test]
    fn until_covers_the_whole_period() {
        let req = search_request(&params("since=1987-03&until=1987-03")).unwrap();
        assert_eq!(req.since.unwrap().to_rfc3339(), "1987-03-01T00:00:00+00:00");
        assert_eq!(req.until.unwrap().to_rfc3339(), "1987-04-01T00:00:00+00:00");
    }
}
