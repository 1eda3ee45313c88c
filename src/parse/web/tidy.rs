//! Rules on top of the extractor: lines a news page leaves in the story
//! that are not the story (the page's own title repeated, the byline and
//! date line, `ADVERTISEMENT`, `You may also like` and the links after it).
//! The lines are data (`data/web/boilerplate.txt`); they were fitted on the
//! article-extraction dev set, so its figure with them is a dev-set figure.

use std::sync::OnceLock;

struct Rules {
    end: Vec<String>,
    drop: Vec<String>,
    drop_prefix: Vec<String>,
}

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut r = Rules {
            end: Vec::new(),
            drop: Vec::new(),
            drop_prefix: Vec::new(),
        };
        for line in include_str!("../../../data/web/boilerplate.txt").lines() {
            let Some((kind, text)) = line.split_once('\t') else {
                continue;
            };
            let list = match kind {
                "end" => &mut r.end,
                "drop" => &mut r.drop,
                "drop-prefix" => &mut r.drop_prefix,
                _ => continue,
            };
            list.push(text.trim().to_lowercase());
        }
        r
    })
}

/// A line as the rules compare it.
fn key(line: &str) -> String {
    line.trim()
        .trim_end_matches([':', '.', '…', ' '])
        .to_lowercase()
}

/// True for a line that is only a date or time (`11/20/2019 01:14 PM`,
/// `2018-08-16`, `November 18, 2019`).
fn is_date_line(line: &str) -> bool {
    const WORDS: &[&str] = &[
        "am",
        "pm",
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "updated",
        "published",
        "gmt",
        "utc",
        "et",
        "est",
        "edt",
        "bst",
        "cet",
    ];
    let tokens: Vec<String> = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect();
    tokens.len() >= 2
        && tokens.len() <= 8
        && tokens.iter().any(|t| t.chars().all(|c| c.is_ascii_digit()))
        && tokens
            .iter()
            .all(|t| t.chars().all(|c| c.is_ascii_digit()) || WORDS.contains(&t.as_str()))
}

/// True for a line that ends as a sentence does (a link's headline does not).
fn is_sentence(line: &str) -> bool {
    line.trim_end()
        .ends_with(['.', '!', '?', '"', '\u{201d}', '\u{3002}', ')'])
}

/// The story's paragraphs without the page's leftovers; `title` is the
/// page's headline (dropped where it opens the body).
pub fn tidy(paragraphs: Vec<String>, title: &str) -> Vec<String> {
    let r = rules();
    let title_key = key(title);
    let mut out: Vec<String> = Vec::with_capacity(paragraphs.len());
    // After a `Related` heading, the short lines are links to other stories;
    // a sentence ends the list (some pages put it mid-story).
    let mut in_links = false;
    for p in paragraphs {
        let k = key(&p);
        let words = p.split_whitespace().count();
        if !out.is_empty()
            && r.end
                .iter()
                .any(|e| k == *e || (e == "more from" && k.starts_with("more in ")))
        {
            in_links = true;
            continue;
        }
        if in_links {
            if words <= 16 && !is_sentence(&p) {
                continue;
            }
            in_links = false;
        }
        if r.drop.contains(&k)
            || (words <= 12 && r.drop_prefix.iter().any(|d| k.starts_with(d.as_str())))
            || is_date_line(&p)
        {
            continue;
        }
        // The headline and byline opening the text are the page's, not the story's.
        if out.is_empty() && (k == title_key || (words <= 8 && k.starts_with("by "))) {
            continue;
        }
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &[&str]) -> Vec<String> {
        s.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn drops_leftovers_and_cuts_related_links() {
        let body = lines(&[
            "Bridge closes",
            "By Ann Writer",
            "11/20/2019 01:14 PM",
            "The council voted to close the bridge.",
            "ADVERTISEMENT",
            "Drivers will use the tunnel.",
            "© Photo Agency",
            "You may also like...",
            "Another story",
            "A third story: with a colon",
        ]);
        assert_eq!(
            tidy(body, "Bridge closes"),
            [
                "The council voted to close the bridge.",
                "Drivers will use the tunnel."
            ]
        );
        // A story that says "Read more" in a sentence keeps it.
        let body = lines(&[
            "First.",
            "Read more about it in the report, the minister said.",
        ]);
        assert_eq!(tidy(body.clone(), "T").len(), 2);
        assert!(is_date_line("November 18, 2019 12:26 PM"));
        assert!(!is_date_line("In 2019 the council met"));
        assert!(!is_date_line("85"));
        // A list of links mid-story ends where the sentences resume.
        let body = lines(&[
            "First.",
            "More:",
            "Link one",
            "Link two",
            "The story goes on.",
        ]);
        assert_eq!(tidy(body, "T"), ["First.", "The story goes on."]);
    }
}
