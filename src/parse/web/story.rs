//! The fast story extractor: the story's paragraphs cut from a page parsed
//! once into [`super::dom::Dom`], by block scoring in the manner of
//! Readability (general rules, no per-site ones):
//!
//! 1. Blocks that never hold the story are left out: navigation, asides,
//!    footers, figures and their captions, forms' controls, hidden
//!    elements, and blocks whose class or id says so (`comment`,
//!    `sidebar`, `related`, ...; the words are data, `data/web/hints.txt`).
//! 2. Every paragraph-like block (`<p>`, `<pre>`, `<td>`, a `<div>` of
//!    inline content) of 25 characters or more scores 1, plus one a comma,
//!    plus one a hundred characters (at most 3); its parent gets the score,
//!    its grandparent half, older ancestors less. A container starts from
//!    its tag (`<div>` +5, lists and headings less) and its class or id
//!    (`article`, `content`, `story`, ... +25; `comment`, `share`, `promo`,
//!    ... -25), and its total is scaled by the share of its text outside
//!    links.
//! 3. The best container is the story; its siblings join it when they
//!    score well or are paragraphs of prose. A page that marks one block
//!    `itemprop=articleBody` (schema.org) gets that block instead, when it
//!    holds [`MIN_MARKED_CHARS`] or more.
//! 4. Inside, blocks with a negative hint, lists of links and link-heavy
//!    blocks are dropped; headings stay.
//!
//! When that leaves less than [`MIN_STORY_CHARS`], it is run again with
//! fewer rules (as Readability does) and the longest result kept.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use super::dom::{Dom, Tag};

/// A story shorter than this is cut again with fewer rules.
pub const MIN_STORY_CHARS: usize = 500;
/// Fewest characters of a block marked `itemprop=articleBody` for the mark
/// to be believed (some pages mark a teaser or an empty shell).
pub const MIN_MARKED_CHARS: usize = 200;

const UNLIKELY: u8 = 1;
const MAYBE: u8 = 2;
const POSITIVE: u8 = 4;
const NEGATIVE: u8 = 8;

struct Hints {
    words: AhoCorasick,
    kinds: Vec<u8>,
}

fn hints() -> &'static Hints {
    static HINTS: OnceLock<Hints> = OnceLock::new();
    HINTS.get_or_init(|| {
        let mut words = Vec::new();
        let mut kinds = Vec::new();
        for line in include_str!("../../../data/web/hints.txt").lines() {
            let Some((kind, word)) = line.split_once('\t') else {
                continue;
            };
            let bit = match kind {
                "unlikely" => UNLIKELY,
                "maybe" => MAYBE,
                "positive" => POSITIVE,
                "negative" => NEGATIVE,
                _ => continue,
            };
            words.push(word.trim().to_string());
            kinds.push(bit);
        }
        Hints {
            words: AhoCorasick::new(&words).expect("hint words build an automaton"),
            kinds,
        }
    })
}

/// The hint bits of element `i`'s class and id.
fn hint_bits(dom: &Dom, i: usize, buf: &mut String) -> u8 {
    buf.clear();
    for name in ["class", "id"] {
        if let Some(v) = dom.attr(i, name) {
            buf.push_str(v);
            buf.push(' ');
        }
    }
    if buf.is_empty() {
        return 0;
    }
    buf.make_ascii_lowercase();
    let h = hints();
    h.words
        .find_overlapping_iter(buf.as_str())
        .fold(0, |bits, m| bits | h.kinds[m.pattern().as_usize()])
}

/// Which rules a pass applies.
#[derive(Clone, Copy)]
struct Rules {
    strip_unlikely: bool,
    weigh_classes: bool,
    clean: bool,
}

/// What is counted once per element, bottom-up, for the cleaning rules.
#[derive(Clone, Copy, Default)]
struct Counts {
    p: u32,
    img: u32,
    li: u32,
    input: u32,
    heading_bytes: u32,
    list_bytes: u32,
    has_block: bool,
}

struct Pass<'d, 'a> {
    dom: &'d Dom<'a>,
    bits: Vec<u8>,
    counts: Vec<Counts>,
}

/// The story's paragraphs in page order (whitespace collapsed, none empty).
pub fn story(dom: &Dom) -> Vec<String> {
    let n = dom.elements.len();
    let mut buf = String::new();
    let bits = (0..n).map(|i| hint_bits(dom, i, &mut buf)).collect();
    let mut counts = vec![Counts::default(); n];
    for i in (0..n).rev() {
        let e = &dom.elements[i];
        let Some(p) = parent(dom, i) else { continue };
        let c = counts[i];
        let t = &mut counts[p];
        t.p += c.p + u32::from(e.tag == Tag::P);
        t.img += c.img + u32::from(e.tag == Tag::Img);
        t.li += c.li + u32::from(e.tag == Tag::Li);
        t.input += c.input + u32::from(matches!(e.tag, Tag::Input | Tag::Select | Tag::Button));
        t.heading_bytes += if e.tag.is_heading() {
            e.text_len() as u32
        } else {
            c.heading_bytes
        };
        t.list_bytes += if matches!(e.tag, Tag::Ul | Tag::Ol) {
            e.text_len() as u32
        } else {
            c.list_bytes
        };
        t.has_block |= e.tag.is_block();
    }
    let pass = Pass { dom, bits, counts };
    // A page that marks one block as the story (schema.org's articleBody)
    // is believed when the block holds a story's worth of text.
    let mut marked = (0..n).filter(|&i| {
        dom.attr(i, "itemprop")
            .is_some_and(|v| v.eq_ignore_ascii_case("articleBody"))
    });
    let marked = match (marked.next(), marked.next()) {
        (Some(m), None) if dom.text_of(m).trim().len() >= MIN_MARKED_CHARS => Some(m),
        _ => None,
    };
    let mut best: Vec<String> = Vec::new();
    let mut best_len = 0;
    for rules in [
        (true, true, true),
        (false, true, true),
        (false, false, true),
        (false, false, false),
    ] {
        let rules = Rules {
            strip_unlikely: rules.0,
            weigh_classes: rules.1,
            clean: rules.2,
        };
        let paragraphs = pass.run(rules, marked);
        let len: usize = paragraphs.iter().map(|p| p.len()).sum();
        if len > best_len {
            best_len = len;
            best = paragraphs;
        }
        if best_len >= MIN_STORY_CHARS {
            break;
        }
    }
    best
}

fn parent(dom: &Dom, i: usize) -> Option<usize> {
    let p = dom.elements[i].parent;
    (p != u32::MAX).then_some(p as usize)
}

/// Bytes of text in links for each byte of text (0 for an empty element).
fn link_density(dom: &Dom, i: usize) -> f32 {
    let e = &dom.elements[i];
    let len = e.text_len();
    if len == 0 {
        return 0.0;
    }
    let links = if e.tag == Tag::A {
        len as u32
    } else {
        e.link_bytes
    };
    links as f32 / len as f32
}

fn commas(text: &str) -> usize {
    text.chars()
        .filter(|c| matches!(c, ',' | '，' | '、' | '،'))
        .count()
}

impl Pass<'_, '_> {
    fn weight(&self, i: usize, rules: Rules) -> f32 {
        if !rules.weigh_classes {
            return 0.0;
        }
        let b = self.bits[i];
        let mut w = 0.0;
        if b & POSITIVE != 0 {
            w += 25.0;
        }
        if b & NEGATIVE != 0 {
            w -= 25.0;
        }
        // Schema.org's mark of the story itself.
        if self
            .dom
            .attr(i, "itemprop")
            .is_some_and(|v| v.eq_ignore_ascii_case("articleBody"))
        {
            w += 25.0;
        }
        w
    }

    /// Elements that never hold the story (and so nothing inside them does).
    fn left_out(&self, i: usize, rules: Rules) -> bool {
        let dom = self.dom;
        let e = &dom.elements[i];
        let by_tag = matches!(
            e.tag,
            Tag::Head
                | Tag::Title
                | Tag::Script
                | Tag::Style
                | Tag::Noscript
                | Tag::Template
                | Tag::Iframe
                | Tag::Textarea
                | Tag::Svg
                | Tag::Nav
                | Tag::Aside
                | Tag::Footer
                | Tag::Button
                | Tag::Select
                | Tag::Input
                | Tag::Figure
                | Tag::Figcaption
        );
        if by_tag {
            return true;
        }
        if dom.attr(i, "hidden").is_some()
            || dom
                .attr(i, "aria-hidden")
                .is_some_and(|v| v.eq_ignore_ascii_case("true"))
            || dom.attr(i, "style").is_some_and(|s| {
                let s = s.to_ascii_lowercase().replace(' ', "");
                s.contains("display:none") || s.contains("visibility:hidden")
            })
            || dom.attr(i, "role").is_some_and(|r| {
                matches!(
                    r.to_ascii_lowercase().as_str(),
                    "menu" | "menubar" | "complementary" | "navigation" | "alert" | "dialog"
                )
            })
        {
            return true;
        }
        rules.strip_unlikely
            && self.bits[i] & UNLIKELY != 0
            && self.bits[i] & MAYBE == 0
            && !matches!(
                e.tag,
                Tag::Html | Tag::Body | Tag::Article | Tag::Main | Tag::A | Tag::Table | Tag::Td
            )
    }

    /// The story as one pass of `rules` cuts it; `marked` is the page's
    /// own mark of the story (`itemprop=articleBody`), taken as the
    /// container without scoring.
    fn run(&self, rules: Rules, marked: Option<usize>) -> Vec<String> {
        let dom = self.dom;
        let n = dom.elements.len();
        let mut out_of_play = vec![false; n];
        for i in 0..n {
            out_of_play[i] =
                parent(dom, i).is_some_and(|p| out_of_play[p]) || self.left_out(i, rules);
        }
        // Scores of the containers (NaN: not a container).
        let mut score = vec![f32::NAN; n];
        for (i, e) in dom.elements.iter().enumerate() {
            if out_of_play[i] {
                continue;
            }
            let paragraph = match e.tag {
                Tag::P | Tag::Pre | Tag::Td | Tag::Section => true,
                Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 => true,
                Tag::Div => !self.counts[i].has_block,
                _ => false,
            };
            if !paragraph {
                continue;
            }
            let text = dom.text_of(i).trim();
            if text.len() < 25 {
                continue;
            }
            let s = 1.0 + commas(text) as f32 + (text.len() as f32 / 100.0).min(3.0);
            let mut a = parent(dom, i);
            for level in 0..5 {
                let Some(p) = a else { break };
                if score[p].is_nan() {
                    score[p] = self.initial_score(p, rules);
                }
                score[p] += match level {
                    0 => s,
                    1 => s / 2.0,
                    _ => s / (level as f32 * 3.0),
                };
                a = parent(dom, p);
            }
        }
        let fin = |i: usize| score[i] * (1.0 - link_density(dom, i));
        if let Some(m) = marked.filter(|&m| !out_of_play[m]) {
            return self.paragraphs(&[m], &out_of_play, &score, rules);
        }
        let Some(mut top) = (0..n)
            .filter(|&i| !score[i].is_nan())
            .max_by(|&a, &b| fin(a).total_cmp(&fin(b)))
        else {
            // No container (a fragment of bare paragraphs): all of it
            // but lists of links.
            let roots: Vec<usize> = (0..n)
                .filter(|&i| {
                    parent(dom, i).is_none() && !out_of_play[i] && link_density(dom, i) < 0.5
                })
                .collect();
            return self.paragraphs(&roots, &out_of_play, &score, rules);
        };
        // A parent scoring better than the best is the story's container
        // (the story's paragraphs split among several children).
        let mut last = fin(top);
        let threshold = last / 3.0;
        let mut p = parent(dom, top);
        while let Some(q) = p {
            if dom.elements[q].tag == Tag::Body {
                break;
            }
            if score[q].is_nan() {
                p = parent(dom, q);
                continue;
            }
            let s = fin(q);
            if s < threshold {
                break;
            }
            if s > last {
                top = q;
                break;
            }
            last = s;
            p = parent(dom, q);
        }
        // A wrapper with one child is the same block.
        while let Some(q) = parent(dom, top) {
            if dom.elements[q].tag == Tag::Body || dom.children(q).count() != 1 {
                break;
            }
            top = q;
        }
        let mut chosen = vec![top];
        if let Some(p) = parent(dom, top) {
            let top_score = fin(top);
            let threshold = (top_score * 0.2).max(10.0);
            let top_class = dom.attr(top, "class").unwrap_or("");
            chosen.clear();
            for c in dom.children(p) {
                if c == top {
                    chosen.push(c);
                    continue;
                }
                if out_of_play[c] {
                    continue;
                }
                let bonus = if !top_class.is_empty() && dom.attr(c, "class") == Some(top_class) {
                    top_score * 0.2
                } else {
                    0.0
                };
                let keep = if !score[c].is_nan() && fin(c) + bonus >= threshold {
                    true
                } else if dom.elements[c].tag == Tag::P {
                    let text = dom.text_of(c).trim();
                    let ld = link_density(dom, c);
                    (text.len() > 80 && ld < 0.25)
                        || (!text.is_empty()
                            && text.len() <= 80
                            && ld == 0.0
                            && (text.ends_with('.') || text.contains(". ")))
                } else {
                    false
                };
                if keep {
                    chosen.push(c);
                }
            }
        }
        self.paragraphs(&chosen, &out_of_play, &score, rules)
    }

    /// The paragraphs of the `chosen` blocks, without what is dropped inside.
    fn paragraphs(
        &self,
        chosen: &[usize],
        out_of_play: &[bool],
        score: &[f32],
        rules: Rules,
    ) -> Vec<String> {
        let dom = self.dom;
        let mut text = String::new();
        for &c in chosen {
            for r in self.kept_ranges(c, out_of_play, score, rules) {
                text.push_str(&dom.text[r.start as usize..r.end as usize]);
            }
            text.push('\n');
        }
        text.lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect()
    }

    fn initial_score(&self, i: usize, rules: Rules) -> f32 {
        let base = match self.dom.elements[i].tag {
            Tag::Div => 5.0,
            Tag::Pre | Tag::Td | Tag::Blockquote => 3.0,
            Tag::Address
            | Tag::Ol
            | Tag::Ul
            | Tag::Dl
            | Tag::Dd
            | Tag::Dt
            | Tag::Li
            | Tag::Form => -3.0,
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 | Tag::Th => -5.0,
            _ => 0.0,
        };
        base + self.weight(i, rules)
    }

    /// The text ranges of element `top` without the blocks dropped inside it.
    fn kept_ranges(
        &self,
        top: usize,
        out_of_play: &[bool],
        score: &[f32],
        rules: Rules,
    ) -> Vec<Range<u32>> {
        let dom = self.dom;
        let el = &dom.elements;
        let mut ranges = Vec::new();
        let mut at = el[top].text.start;
        let mut j = top + 1;
        let end = el[top].end as usize;
        while j < end {
            if out_of_play[j] || (rules.clean && self.drop_inside(j, score, rules)) {
                ranges.push(at..el[j].text.start);
                at = el[j].text.end;
                j = el[j].end as usize;
            } else {
                j += 1;
            }
        }
        ranges.push(at..el[top].text.end);
        ranges
    }

    /// Readability's conditional cleaning: a block inside the story that is
    /// not story (a negative hint, a list of links, a form, a block of
    /// links).
    fn drop_inside(&self, i: usize, score: &[f32], rules: Rules) -> bool {
        let dom = self.dom;
        let e = &dom.elements[i];
        let w = self.weight(i, rules);
        if e.tag.is_heading() {
            return w < 0.0 || link_density(dom, i) > 0.33;
        }
        if !matches!(
            e.tag,
            Tag::Form | Tag::Table | Tag::Ul | Tag::Ol | Tag::Div | Tag::Section | Tag::Figure
        ) {
            return false;
        }
        let s = if score[i].is_nan() { 0.0 } else { score[i] };
        if w + s < 0.0 {
            return true;
        }
        let text = dom.text_of(i);
        if commas(text) >= 10 {
            return false;
        }
        let c = &self.counts[i];
        let len = text.trim().len() as f32;
        let is_list =
            matches!(e.tag, Tag::Ul | Tag::Ol) || (len > 0.0 && c.list_bytes as f32 / len > 0.9);
        let ld = link_density(dom, i);
        let li = c.li.saturating_sub(100);
        let heading_share = if len > 0.0 {
            c.heading_bytes as f32 / len
        } else {
            0.0
        };
        (c.img > 1 && (c.p as f32 / c.img as f32) < 0.5)
            || (!is_list && li > c.p)
            || (c.input as f32 > (c.p as f32 / 3.0).floor())
            || (!is_list && len < 25.0 && (c.img == 0 || c.img > 2) && heading_share < 0.9)
            || (!is_list && w < 25.0 && ld > 0.2)
            || (w >= 25.0 && ld > 0.5)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROSE: &str = "The council voted on Tuesday to close the old bridge over the river, \
        which has stood since 1890, for repairs that will take at least two years, officials said.";

    #[test]
    fn keeps_the_story_and_drops_the_rest() {
        let html = format!(
            r#"<html><body>
            <nav><a href="/">Home</a> <a href="/news">News</a></nav>
            <div class="header-menu"><a href="/a">World</a> | <a href="/b">Sport</a></div>
            <div id="main"><article class="story-body">
              <h1>Bridge closes</h1>
              <p>{PROSE}</p>
              <h2>What comes next</h2>
              <p>Drivers will be sent through the northern tunnel while the work goes on, and buses, trams and bicycles will use the old ferry.</p>
              <div class="share-tools"><a href="/fb">Share on Facebook</a> <a href="/tw">Tweet</a></div>
              <p>{PROSE}</p>
              <p>{PROSE}</p>
            </article>
            <div class="related-stories"><h3>Related</h3><ul>
              <li><a href="/1">Another bridge story that is long enough to count</a></li>
              <li><a href="/2">A third story about roads, trams, and a long headline</a></li></ul></div>
            <div id="comments"><p>Great article, thanks, really, I loved it, and so did my wife, and my dog.</p></div>
            </div>
            <footer>Copyright Gazette, all rights reserved, 2020.</footer></body></html>"#
        );
        let dom = Dom::parse(&html);
        let s = story(&dom);
        assert_eq!(
            s,
            [
                "Bridge closes",
                PROSE,
                "What comes next",
                "Drivers will be sent through the northern tunnel while the work goes on, and buses, trams and bicycles will use the old ferry.",
                PROSE,
                PROSE
            ]
        );
    }

    #[test]
    fn the_pages_own_mark_of_the_story_wins() {
        // The other block scores higher (more commas, more text), but the
        // page marks the first as its story.
        let other = "Words, words, and more words, of another kind, at length, here. ".repeat(12);
        let html = format!(
            r#"<body><div itemprop="articleBody"><p>{PROSE}</p><p>{PROSE}</p></div>
            <div class="x"><p>{other}</p><p>{other}</p></div></body>"#
        );
        assert_eq!(story(&Dom::parse(&html)), [PROSE, PROSE]);
        // A mark on a block too short to be a story is not believed.
        let html = html.replace(&format!("<p>{PROSE}</p><p>{PROSE}</p>"), "<p>Teaser.</p>");
        assert_eq!(story(&Dom::parse(&html)).len(), 2);
    }

    #[test]
    fn a_page_of_links_gives_little_and_nothing_panics() {
        let links =
            "<li><a href='/x'>A headline of another story, with commas, here</a></li>".repeat(30);
        let html = format!("<div><ul class='menu'>{links}</ul></div>");
        let s = story(&Dom::parse(&html));
        assert!(s.is_empty(), "{s:?}");
        for page in ["", "<p>", "text only", "<div><div></div></div>"] {
            story(&Dom::parse(page));
        }
    }
}
