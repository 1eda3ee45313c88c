//! Country mentions in article text. One case-sensitive, leftmost-longest Aho-Corasick
//! automaton (built once, [`patterns`]) holds every country name, alias, demonym, capital and
//! body-text city (population ≥ 200k) in its written and UPPER-case forms, plus
//! seat-of-government metonyms and "stop" phrases that map to nothing (`New Mexico`,
//! `Georgia Power`, `Gulf of Mexico`). It is run anchored at each word start; matches must
//! end at a word boundary and are then judged by local evidence ([`scan`]) and by document
//! evidence ([`resolve`]): `Jordan` after a given name is a person, `Georgia` needs Georgian
//! cues and no US-state cues, a city inside an organisation name (`Tokyo Stock Exchange`) is
//! dropped, a language (`said in Spanish`) is not a country, a city shared by several
//! countries prefers one the text already names, and a text that names a historic state
//! (`Soviet Union`) but not its successor maps the successor's weaker cues (`Moscow`,
//! `Russian`) to the historic state.

mod patterns;
mod resolve;
mod scan;

use super::ExtractError;
use crate::gazetteer::{self, city_entry, country_index, fold, CityEntry};
use scan::{Event, EventKind};

/// Build the pattern tables now (for timing / warm-up); returns the pattern count.
pub fn warm_up() -> Result<usize, ExtractError> {
    Ok(patterns::matcher()?.ac.patterns_len())
}

/// The dateline cities known as cities, with their positions after the title (`base`); a
/// dateline naming a country ("KUWAIT") is a strong event, and a city followed by a US state
/// (`PALM BEACH, Fla.`, `region`) is in the United States whatever else the gazetteer holds.
fn dateline_cities(
    cities: &[String],
    region: Option<&str>,
    base: usize,
    events: &mut Vec<Event>,
) -> Vec<(usize, &'static CityEntry)> {
    let mut entries = Vec::new();
    let us_state = region.is_some_and(|r| patterns::lists().us_states.contains(&r));
    let usa = || country_index("usa").map(|i| i as u16);
    for (k, city) in cities.iter().enumerate() {
        if let Some(i) = usa().filter(|_| us_state) {
            events.push(Event {
                pos: base + k,
                kind: EventKind::Weak(i),
            });
        } else if let Some(e) = city_entry(&fold(city)) {
            entries.push((base + k, e));
        } else if let Some(c) = gazetteer::resolve_country(city) {
            if let Some(i) = country_index(&c.id) {
                events.push(Event {
                    pos: base + k,
                    kind: EventKind::Strong(i as u16),
                });
            }
        }
    }
    entries
}

/// The country matcher, built: finding countries with it cannot fail.
#[derive(Clone, Copy)]
pub struct CountryFinder(&'static patterns::Matcher);

impl CountryFinder {
    /// The matcher, built on first use; fails if the country patterns cannot be compiled.
    pub fn new() -> Result<CountryFinder, ExtractError> {
        Ok(CountryFinder(patterns::matcher()?))
    }

    /// Canonical ids of the countries mentioned, in order of first mention (title,
    /// dateline, body), deduplicated.
    pub fn find(&self, title: &str, body: &str, dateline: &[String]) -> Vec<String> {
        self.find_in(title, body, dateline, None)
    }

    /// As [`CountryFinder::find`], with the region the dateline writes after its cities
    /// (`Fla.` of `PALM BEACH, Fla.`), if any.
    pub fn find_in(
        &self,
        title: &str,
        body: &str,
        dateline: &[String],
        region: Option<&str>,
    ) -> Vec<String> {
        self.find_with_people(title, body, dateline, region, &[])
    }

    /// As [`CountryFinder::find_in`], knowing the people found in the same story: a city
    /// that opens one of their names there (`Milan Mandaric`) is no place.
    pub fn find_with_people(
        &self,
        title: &str,
        body: &str,
        dateline: &[String],
        region: Option<&str>,
        people: &[String],
    ) -> Vec<String> {
        let m = self.0;
        let mut events = Vec::with_capacity(64);
        let mut surnames = Vec::new();
        let mut buf = String::new();
        scan::scan(title, 0, m, (&mut events, &mut surnames), &mut buf, people);
        let base = title.len() + 1;
        let entries = dateline_cities(dateline, region, base, &mut events);
        let body_base = base + dateline.len() + 1;
        scan::scan(
            body,
            body_base,
            m,
            (&mut events, &mut surnames),
            &mut buf,
            people,
        );
        // A city written as a surname after a title (`Mr Kennedy`) is that person's name in
        // the whole story (`Kennedy begins tour`), not only there.
        if !surnames.is_empty() {
            events.retain(|e| !matches!(e.kind, EventKind::City(c) if surnames.contains(&c)));
        }
        resolve::resolve((title, body), &events, &entries, m)
    }
}

/// Canonical ids of the countries mentioned, in order of first mention (title, dateline,
/// body), deduplicated. Fails only if the country patterns cannot be compiled.
pub fn find_countries(
    title: &str,
    body: &str,
    dateline: &[String],
) -> Result<Vec<String>, ExtractError> {
    Ok(CountryFinder::new()?.find(title, body, dateline))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fca(title: &str, body: &str, dateline: &[String]) -> Vec<String> {
        find_countries(title, body, dateline).unwrap()
    }

    fn fc(body: &str) -> Vec<String> {
        fca("", body, &[])
    }

    #[test]
    fn names_aliases_demonyms() {
        let cases: &[(&str, &[&str])] = &[
            ("Talks between the U.S. and Britain.", &["usa", "uk"]),
            (
                "A Venezuelan official met Russians.",
                &["venezuela", "russia"],
            ),
            (
                "Trade with Holland and the UK rose.",
                &["netherlands", "uk"],
            ),
            (
                "He is Mexican-born and a German-American.",
                &["mexico", "germany", "usa"],
            ),
            (
                "Papua New Guinea and Equatorial Guinea signed.",
                &["papua-new-guinea", "equatorial-guinea"],
            ),
            ("Guinea's president", &["guinea"]),
            ("China Airlines flew to Taiwan.", &["china", "taiwan"]),
            ("The French Open started in Paris.", &["france"]),
            ("Bank of Japan governor", &["japan"]),
            ("Côte d'Ivoire and Ivory Coast", &["ivory-coast"]),
        ];
        for (text, want) in cases {
            assert_eq!(fc(text), *want, "{text}");
        }
    }

    #[test]
    fn ambiguity() {
        let cases: &[(&str, &[&str])] = &[
            ("Fed governor Jerry Jordan said rates would rise.", &[]),
            (
                "King Hussein of Jordan met Egypt's leader.",
                &["jordan", "egypt"],
            ),
            ("Chad Johnson scored twice.", &[]),
            ("Rebels in Chad attacked.", &["chad"]),
            ("Georgia Power raised rates in Atlanta.", &["usa"]),
            ("Voters in Georgia backed the Georgia Republican.", &[]),
            (
                "Georgia's parliament in Tbilisi met; Georgian troops left.",
                &["georgia"],
            ),
            ("We ate turkey on Thursday.", &[]),
            ("Turkey and Greece talked.", &["turkey", "greece"]),
            ("He lives in New Mexico and New South Wales.", &[]),
            ("Oil in the Gulf of Mexico.", &[]),
            ("an ally of Moscow", &["russia"]),
            ("Washington said on Monday.", &["usa"]),
            ("President George Washington", &[]),
            ("The Washington Post reported.", &[]),
            ("Shares rose on the Tokyo Stock Exchange.", &[]),
            ("Real Madrid won.", &[]),
            ("He told the Sydney Morning Herald on Monday.", &[]),
            ("It is owned by Toronto Sun Publishing Corp.", &[]),
            ("The Louvre accord was signed in Paris.", &["france"]),
            ("It is part of the Paris currency pact.", &[]),
            ("Last month's Paris pact held.", &[]),
            ("Officials in Washington reached agreement.", &["usa"]),
            ("He said in Spanish and English.", &[]),
            ("a Spanish bank", &["spain"]),
            ("He said it in French.", &[]),
            ("Borisov was quoted in Spanish by state media.", &[]),
            ("The book was translated from French last year.", &[]),
            ("He speaks Spanish fluently.", &[]),
            ("She spoke in French to reporters.", &[]),
            ("Prices in French shops rose.", &["france"]),
            ("a translated from Spanish edition", &[]),
            ("Salvador is in Bahia state.", &["brazil"]),
            (
                "Rebels near San Salvador; in Salvador later.",
                &["el-salvador"],
            ),
            ("New York, not York.", &["usa"]),
            ("Whitehall officials said.", &["uk"]),
            ("Tony Jordan and Eddie Jordan", &[]),
            ("Spain's Rafael Nadal", &["spain"]),
            ("a Briton and a Dane", &["uk", "denmark"]),
            ("Talks in Bogotá and Peking.", &["colombia", "china"]),
            // Tenth round (issue 13): an event named after its city.
            ("It sold well after the recent Athens Olympics.", &[]),
            ("The Hang Seng index rose.", &[]),
            ("She is to marry music executive Jordan Bratman.", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(fc(text), *want, "{text}");
        }
    }

    #[test]
    fn caps_titles_and_datelines() {
        assert_eq!(
            fca(
                "U.S. ADVISER SAID DEAD IN SALVADOR RAID",
                "in northern El Salvador",
                &[]
            ),
            ["usa", "el-salvador"]
        );
        assert_eq!(fca("TELL US ABOUT JAPAN", "", &[]), ["japan"]);
        assert_eq!(
            fca("", "Cocoa in Bahia.", &["Salvador".to_string()]),
            ["brazil"]
        );
        assert_eq!(
            fca(
                "",
                "Prices rose.",
                &["Tokyo".to_string(), "London".to_string()]
            ),
            ["japan", "uk"]
        );
        assert_eq!(fca("", "", &["Kuwait".to_string()]), ["kuwait"]);
    }

    #[test]
    fn a_city_opening_a_persons_name_is_no_place() -> Result<(), ExtractError> {
        let finder = CountryFinder::new()?;
        let people = ["Milan Mandaric".to_string()];
        let text = "Milan Mandaric, the chairman, said prices in Milan rose.";
        // Without the people the first `Milan` is the city; with them only the second is.
        assert_eq!(finder.find_in("", text, &[], None), ["italy"]);
        assert_eq!(
            finder.find_with_people(
                "",
                "Milan Mandaric, the chairman, said.",
                &[],
                None,
                &people
            ),
            Vec::<String>::new()
        );
        assert_eq!(
            finder.find_with_people("", text, &[], None, &people),
            ["italy"]
        );
        Ok(())
    }

    #[test]
    fn a_dateline_city_is_not_its_dwarfed_namesake() {
        // London, Ontario is a twentieth of London: `LONDON` is England's.
        let london = ["London".to_string()];
        assert_eq!(
            fca("", "The Canadian dlr bond was priced.", &london),
            ["uk", "canada"]
        );
        // In the body the story's evidence still picks the namesake.
        assert_eq!(fc("Papers in Tampa, Florida and St. Petersburg."), ["usa"]);
    }

    #[test]
    fn names_split_by_a_wrapped_line() {
        // Reuters wraps its lines: a name across the break is one name.
        assert_eq!(
            fc("Trade with the United\nStates and South\nAfrica grew."),
            ["usa", "south-africa"]
        );
        assert_eq!(fc("Exports to Latin\nAmerica rose."), Vec::<String>::new());
        assert_eq!(
            fc("Its offices in New\nYork and Hong\nKong."),
            ["usa", "hong-kong"]
        );
        // Not across a paragraph break.
        assert_eq!(
            fc("Sales rose in the South\n\nAfrica is next."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_us_state_a_surname_after_a_title_and_a_ticker_decide_the_country() {
        // `PALM BEACH, Fla.`: the gazetteer's only Palm Beach is Australian; the state says
        // the United States. Without a state the city is read as before.
        let finder = CountryFinder::new().unwrap();
        let palm = ["Palm Beach".to_string()];
        assert_eq!(
            finder.find_in("", "Shares rose.", &palm, Some("Fla.")),
            ["usa"]
        );
        assert_eq!(
            finder.find_in("", "Shares rose.", &palm, None),
            ["australia"]
        );
        // A surname after a title is no city (`Kennedy`, a Bogotá locality).
        assert!(fca(
            "Kennedy begins tour",
            "Mr Kennedy said the Lib Dems would win.",
            &[]
        )
        .is_empty());
        // A Reuters ticker is no city (`Mila`, an Italian city's alias).
        assert!(fca("EXCHANGE <MILA> SETS HOLDERS MEETING", "", &[]).is_empty());
    }

    #[test]
    fn period_evidence() {
        assert_eq!(
            fc("The Soviet Union said in Moscow that Russian grain imports fell."),
            ["ussr"]
        );
        assert_eq!(
            fc("West German officials in Bonn said German exports rose."),
            ["west-germany"]
        );
        assert_eq!(
            fc("Russia, once the heart of the former Soviet Union, told Moscow."),
            ["russia", "ussr"]
        );
        assert_eq!(fc("Soviet-era weapons reached Moscow."), ["russia"]);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in [
            "",
            "\u{0}",
            "É",
            "U.S",
            "ß\u{301}US",
            "New",
            "Jordan",
            "é Jordan é",
        ] {
            let _ = fca(t, t, &[t.to_string()]);
        }
    }
}
