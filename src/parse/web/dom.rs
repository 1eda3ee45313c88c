//! A compact HTML tree for the fast story extractor ([`super::story`]):
//! one pass over the page's bytes (no tokenizer objects, no per-node
//! allocation) into a flat list of elements in document order, each with
//! its parent, the index past its last descendant, its attributes (ranges
//! into the page) and its text (a range of one shared text buffer: an
//! element's text, its descendants' included, is contiguous because text is
//! appended in document order).
//!
//! It keeps the parts of HTML's tree building a story needs: the end tags
//! HTML lets pages leave out (`<p>`, `<li>`, `<dt>`/`<dd>`, table cells and
//! rows, `<option>`), end tags without a start ignored, unclosed elements
//! closed at the end, `<script>`/`<style>` and the like read as raw text,
//! entities decoded, comments and doctype skipped. It is not a conforming
//! HTML parser (no adoption agency, no foster parenting): those change
//! where a misnested inline element ends, not which text is in a block.

use std::ops::Range;

/// Deepest nesting kept; an element opened deeper is not opened (its text
/// goes to the deepest open element), so a hostile page cannot make the
/// tree, or a walk over it, deep.
pub const MAX_DEPTH: usize = 256;

/// The element kinds the extractor tells apart; every other name is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Tag {
    Html,
    Head,
    Body,
    Title,
    Meta,
    Link,
    Script,
    Style,
    Noscript,
    Template,
    Iframe,
    Textarea,
    Svg,
    A,
    P,
    Br,
    Hr,
    Img,
    Div,
    Span,
    Article,
    Section,
    Main,
    Header,
    Footer,
    Nav,
    Aside,
    Form,
    Button,
    Select,
    Option,
    Input,
    Label,
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Table,
    Tbody,
    Thead,
    Tfoot,
    Tr,
    Td,
    Th,
    Caption,
    Blockquote,
    Pre,
    Figure,
    Figcaption,
    Address,
    Center,
    Time,
    Other,
}

impl Tag {
    /// The kind of a tag name (any case).
    pub fn of(name: &[u8]) -> Tag {
        let mut buf = [0u8; 10];
        if name.len() > buf.len() {
            return Tag::Other;
        }
        for (d, s) in buf.iter_mut().zip(name) {
            *d = s.to_ascii_lowercase();
        }
        match &buf[..name.len()] {
            b"html" => Tag::Html,
            b"head" => Tag::Head,
            b"body" => Tag::Body,
            b"title" => Tag::Title,
            b"meta" => Tag::Meta,
            b"link" => Tag::Link,
            b"script" => Tag::Script,
            b"style" => Tag::Style,
            b"noscript" => Tag::Noscript,
            b"template" => Tag::Template,
            b"iframe" => Tag::Iframe,
            b"textarea" => Tag::Textarea,
            b"svg" => Tag::Svg,
            b"a" => Tag::A,
            b"p" => Tag::P,
            b"br" => Tag::Br,
            b"hr" => Tag::Hr,
            b"img" => Tag::Img,
            b"div" => Tag::Div,
            b"span" => Tag::Span,
            b"article" => Tag::Article,
            b"section" => Tag::Section,
            b"main" => Tag::Main,
            b"header" => Tag::Header,
            b"footer" => Tag::Footer,
            b"nav" => Tag::Nav,
            b"aside" => Tag::Aside,
            b"form" => Tag::Form,
            b"button" => Tag::Button,
            b"select" => Tag::Select,
            b"option" => Tag::Option,
            b"input" => Tag::Input,
            b"label" => Tag::Label,
            b"ul" => Tag::Ul,
            b"ol" => Tag::Ol,
            b"li" => Tag::Li,
            b"dl" => Tag::Dl,
            b"dt" => Tag::Dt,
            b"dd" => Tag::Dd,
            b"h1" => Tag::H1,
            b"h2" => Tag::H2,
            b"h3" => Tag::H3,
            b"h4" => Tag::H4,
            b"h5" => Tag::H5,
            b"h6" => Tag::H6,
            b"table" => Tag::Table,
            b"tbody" => Tag::Tbody,
            b"thead" => Tag::Thead,
            b"tfoot" => Tag::Tfoot,
            b"tr" => Tag::Tr,
            b"td" => Tag::Td,
            b"th" => Tag::Th,
            b"caption" => Tag::Caption,
            b"blockquote" => Tag::Blockquote,
            b"pre" => Tag::Pre,
            b"figure" => Tag::Figure,
            b"figcaption" => Tag::Figcaption,
            b"address" => Tag::Address,
            b"center" => Tag::Center,
            b"time" => Tag::Time,
            _ => Tag::Other,
        }
    }

    /// Elements without content (never opened).
    fn is_void(self) -> bool {
        matches!(
            self,
            Tag::Meta | Tag::Link | Tag::Br | Tag::Hr | Tag::Img | Tag::Input
        )
    }

    /// Elements whose content is text up to their end tag, never markup.
    fn is_raw_text(self) -> bool {
        matches!(
            self,
            Tag::Script
                | Tag::Style
                | Tag::Noscript
                | Tag::Template
                | Tag::Iframe
                | Tag::Textarea
                | Tag::Title
        )
    }

    /// Elements that start a new line of text (paragraph breaks).
    pub fn is_block(self) -> bool {
        matches!(
            self,
            Tag::P
                | Tag::Div
                | Tag::Article
                | Tag::Section
                | Tag::Main
                | Tag::Header
                | Tag::Footer
                | Tag::Nav
                | Tag::Aside
                | Tag::Form
                | Tag::Ul
                | Tag::Ol
                | Tag::Li
                | Tag::Dl
                | Tag::Dt
                | Tag::Dd
                | Tag::H1
                | Tag::H2
                | Tag::H3
                | Tag::H4
                | Tag::H5
                | Tag::H6
                | Tag::Table
                | Tag::Tbody
                | Tag::Thead
                | Tag::Tfoot
                | Tag::Tr
                | Tag::Td
                | Tag::Th
                | Tag::Caption
                | Tag::Blockquote
                | Tag::Pre
                | Tag::Figure
                | Tag::Figcaption
                | Tag::Address
                | Tag::Center
                | Tag::Hr
                | Tag::Body
                | Tag::Title
                | Tag::Option
                | Tag::Select
                | Tag::Textarea
        )
    }

    pub fn is_heading(self) -> bool {
        matches!(
            self,
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6
        )
    }

    /// A start tag of this kind closes an open `<p>` (HTML's rule).
    fn closes_p(self) -> bool {
        self.is_block()
            && !matches!(
                self,
                Tag::Body
                    | Tag::Title
                    | Tag::Option
                    | Tag::Select
                    | Tag::Textarea
                    | Tag::Tbody
                    | Tag::Thead
                    | Tag::Tfoot
                    | Tag::Tr
                    | Tag::Td
                    | Tag::Th
                    | Tag::Caption
            )
    }

    /// Where a search for an open element to close stops (HTML's scopes).
    fn is_scope(self) -> bool {
        matches!(
            self,
            Tag::Html | Tag::Table | Tag::Td | Tag::Th | Tag::Caption | Tag::Button | Tag::Template
        )
    }
}

/// One element of the tree.
#[derive(Debug, Clone)]
pub struct Element {
    pub tag: Tag,
    /// The parent's index (`u32::MAX` for a top-level element).
    pub parent: u32,
    /// One past the index of the last descendant: the subtree is `self..end`.
    pub end: u32,
    /// Its attributes: a range of [`Dom::attrs`].
    pub attrs: Range<u32>,
    /// Its text, descendants included: a range of [`Dom::text`].
    pub text: Range<u32>,
    /// Bytes of that text inside links.
    pub link_bytes: u32,
    /// The name's range in the page (to match the end tag of an `Other`).
    name: Range<u32>,
}

impl Element {
    pub fn text_len(&self) -> usize {
        (self.text.end - self.text.start) as usize
    }
}

/// An attribute: name and value, ranges of the page (value not decoded).
#[derive(Debug, Clone)]
pub struct Attr {
    name: Range<u32>,
    value: Range<u32>,
}

/// A parsed page.
#[derive(Debug)]
pub struct Dom<'a> {
    src: &'a str,
    pub elements: Vec<Element>,
    attrs: Vec<Attr>,
    /// All text of the page in document order, whitespace collapsed to one
    /// space, a `\n` where a block starts or ends; script and style left out.
    pub text: String,
    /// Elements not opened because they nested deeper than [`MAX_DEPTH`].
    pub too_deep: usize,
    /// The `<script>` elements and their content's range in the page (for
    /// JSON-LD metadata).
    pub scripts: Vec<(u32, Range<u32>)>,
    stack: Vec<u32>,
}

const NONE: u32 = u32::MAX;

impl<'a> Dom<'a> {
    /// Parses a page.
    pub fn parse(src: &'a str) -> Dom<'a> {
        // Most pages are 20-50% text bytes and one element per ~100 bytes.
        let mut d = Dom {
            src,
            elements: Vec::with_capacity(src.len() / 128),
            attrs: Vec::with_capacity(src.len() / 96),
            text: String::with_capacity(src.len() / 4),
            too_deep: 0,
            scripts: Vec::new(),
            stack: Vec::with_capacity(64),
        };
        d.run();
        while !d.stack.is_empty() {
            d.close_top();
        }
        d
    }

    fn run(&mut self) {
        let src = self.src;
        let b = src.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let lt = memchr::memchr(b'<', &b[i..]).map_or(b.len(), |o| i + o);
            if lt > i {
                self.push_text(&src[i..lt]);
            }
            if lt >= b.len() {
                break;
            }
            i = lt + 1;
            match b.get(i) {
                Some(b'!') => {
                    i = if b[i..].starts_with(b"!--") {
                        memchr::memmem::find(&b[i + 3..], b"-->").map_or(b.len(), |e| i + 3 + e + 3)
                    } else {
                        skip_past_gt(b, i)
                    };
                }
                Some(b'?') => i = skip_past_gt(b, i),
                Some(b'/') => {
                    let start = i + 1;
                    let n = name_len(&b[start..]);
                    let end = skip_past_gt(b, start);
                    if n > 0 {
                        self.end_tag(start..start + n);
                    }
                    i = end;
                }
                Some(c) if c.is_ascii_alphabetic() => i = self.start_tag(i),
                _ => self.push_text("<"),
            }
        }
    }

    /// Reads the start tag whose name begins at `i`; returns where to go on.
    fn start_tag(&mut self, i: usize) -> usize {
        let b = self.src.as_bytes();
        let n = name_len(&b[i..]);
        let name = i..i + n;
        let tag = Tag::of(&b[name.clone()]);
        let attr_start = self.attrs.len() as u32;
        let mut j = i + n;
        let mut self_closed = false;
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                self_closed = b[j] == b'/';
                j += 1;
            }
            if j >= b.len() {
                break;
            }
            if b[j] == b'>' {
                j += 1;
                break;
            }
            self_closed = false;
            let ns = j;
            j += 1;
            while j < b.len() && !matches!(b[j], b'=' | b'>' | b'/') && !b[j].is_ascii_whitespace()
            {
                j += 1;
            }
            let name_r = ns as u32..j as u32;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = j as u32..j as u32;
            if b.get(j) == Some(&b'=') {
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                match b.get(j) {
                    Some(&q) if q == b'"' || q == b'\'' => {
                        let e = memchr::memchr(q, &b[j + 1..]).map_or(b.len(), |e| j + 1 + e);
                        value = (j + 1) as u32..e as u32;
                        j = (e + 1).min(b.len());
                    }
                    _ => {
                        let s = j;
                        while j < b.len() && b[j] != b'>' && !b[j].is_ascii_whitespace() {
                            j += 1;
                        }
                        value = s as u32..j as u32;
                    }
                }
            }
            self.attrs.push(Attr {
                name: name_r,
                value,
            });
        }
        let attrs = attr_start..self.attrs.len() as u32;
        match tag {
            Tag::Br => {
                self.newline();
                return j;
            }
            // A second `<html>` or `<body>` (or one inside the first) adds nothing.
            Tag::Html | Tag::Body | Tag::Head if self.is_open(tag) => return j,
            _ => {}
        }
        if tag == Tag::Body && self.is_open(Tag::Head) {
            self.close_to(Tag::Head);
        }
        self.implied_ends(tag);
        let opened = self.open(tag, name, attrs);
        if tag.is_void() || (self_closed && tag != Tag::Other) {
            if opened {
                self.close_top();
            }
            if tag == Tag::Hr {
                self.newline();
            }
            return j;
        }
        if tag.is_raw_text() {
            let close = find_end_tag(b, j, &b[i..i + n]);
            if matches!(tag, Tag::Title | Tag::Textarea) {
                let s = &self.src[j..close.0];
                self.push_text(s);
            }
            if tag == Tag::Script && opened {
                let idx = self.elements.len() as u32 - 1;
                self.scripts.push((idx, j as u32..close.0 as u32));
            }
            if opened {
                self.close_top();
            }
            return close.1;
        }
        j
    }

    /// Opens an element; false when it is too deep to open.
    fn open(&mut self, tag: Tag, name: Range<usize>, attrs: Range<u32>) -> bool {
        if self.stack.len() >= MAX_DEPTH {
            self.too_deep += 1;
            return false;
        }
        if tag.is_block() {
            self.newline();
        }
        let at = self.text.len() as u32;
        self.elements.push(Element {
            tag,
            parent: self.stack.last().copied().unwrap_or(NONE),
            end: 0,
            attrs,
            text: at..at,
            link_bytes: 0,
            name: name.start as u32..name.end as u32,
        });
        self.stack.push(self.elements.len() as u32 - 1);
        true
    }

    fn close_top(&mut self) {
        let Some(idx) = self.stack.pop() else { return };
        let n = self.elements.len() as u32;
        let at = self.text.len() as u32;
        let e = &mut self.elements[idx as usize];
        e.end = n;
        e.text.end = at;
        let links = if e.tag == Tag::A {
            e.text_len() as u32
        } else {
            e.link_bytes
        };
        let (tag, parent) = (e.tag, e.parent);
        if parent != NONE {
            self.elements[parent as usize].link_bytes += links;
        }
        if tag.is_block() {
            self.newline();
        }
    }

    fn is_open(&self, tag: Tag) -> bool {
        self.stack
            .iter()
            .any(|&s| self.elements[s as usize].tag == tag)
    }

    /// Closes open elements down to and including the nearest `tag`.
    fn close_to(&mut self, tag: Tag) {
        while let Some(&top) = self.stack.last() {
            let t = self.elements[top as usize].tag;
            self.close_top();
            if t == tag {
                break;
            }
        }
    }

    /// The nearest open element of one of `tags`, searched from the top
    /// down to the first element for which `stop` is true.
    fn open_in_scope(&self, tags: &[Tag], stop: impl Fn(Tag) -> bool) -> Option<usize> {
        for (k, &s) in self.stack.iter().enumerate().rev() {
            let t = self.elements[s as usize].tag;
            if tags.contains(&t) {
                return Some(k);
            }
            if stop(t) {
                return None;
            }
        }
        None
    }

    fn close_from(&mut self, k: usize) {
        while self.stack.len() > k {
            self.close_top();
        }
    }

    /// The end tags HTML implies when `tag` starts.
    fn implied_ends(&mut self, tag: Tag) {
        if tag.closes_p() {
            if let Some(k) = self.open_in_scope(&[Tag::P], |t| t.is_scope()) {
                self.close_from(k);
            }
        }
        let list_stop = |t: Tag| {
            t.is_scope()
                || matches!(
                    t,
                    Tag::Ul | Tag::Ol | Tag::Dl | Tag::Table | Tag::Body | Tag::Article
                )
        };
        let found = match tag {
            Tag::Li => self.open_in_scope(&[Tag::Li], list_stop),
            Tag::Dt | Tag::Dd => self.open_in_scope(&[Tag::Dt, Tag::Dd], list_stop),
            Tag::Tr => self.open_in_scope(&[Tag::Tr], |t| t == Tag::Table),
            Tag::Td | Tag::Th => {
                self.open_in_scope(&[Tag::Td, Tag::Th], |t| matches!(t, Tag::Tr | Tag::Table))
            }
            Tag::Tbody | Tag::Thead | Tag::Tfoot => {
                self.open_in_scope(&[Tag::Tbody, Tag::Thead, Tag::Tfoot], |t| t == Tag::Table)
            }
            Tag::Option => self.open_in_scope(&[Tag::Option], |t| t != Tag::Option),
            Tag::A => self.open_in_scope(&[Tag::A], |t| t.is_scope()),
            t if t.is_heading() => self
                .stack
                .len()
                .checked_sub(1)
                .filter(|&k| self.elements[self.stack[k] as usize].tag.is_heading()),
            _ => None,
        };
        if let Some(k) = found {
            self.close_from(k);
        }
    }

    fn end_tag(&mut self, name: Range<usize>) {
        let b = self.src.as_bytes();
        let tag = Tag::of(&b[name.clone()]);
        match tag {
            Tag::Br => return self.newline(),
            // Content after `</body>` still belongs to the body.
            Tag::Body | Tag::Html => return,
            _ => {}
        }
        for k in (0..self.stack.len()).rev() {
            let e = &self.elements[self.stack[k] as usize];
            let same = e.tag == tag
                && (tag != Tag::Other
                    || b[e.name.start as usize..e.name.end as usize]
                        .eq_ignore_ascii_case(&b[name.clone()]));
            if same {
                return self.close_from(k);
            }
            // An end tag does not close past a table or cell it is not in.
            if e.tag.is_scope() && tag != Tag::Other {
                return;
            }
        }
    }

    fn newline(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            if self.text.ends_with(' ') {
                self.text.pop();
            }
            self.text.push('\n');
        }
    }

    /// Appends text, entities decoded and whitespace collapsed.
    fn push_text(&mut self, s: &str) {
        let decoded;
        let s = if s.contains('&') {
            decoded = htmlize::unescape(s);
            decoded.as_ref()
        } else {
            s
        };
        let mut space = self.text.is_empty() || self.text.ends_with([' ', '\n']);
        let mut run = 0;
        let b = s.as_bytes();
        for (k, &c) in b.iter().enumerate() {
            if c.is_ascii_whitespace() {
                if run < k {
                    self.text.push_str(&s[run..k]);
                    space = false;
                }
                if !space {
                    self.text.push(' ');
                    space = true;
                }
                run = k + 1;
            }
        }
        if run < b.len() {
            self.text.push_str(&s[run..]);
        }
    }

    /// The page's source.
    pub fn source(&self) -> &'a str {
        self.src
    }

    /// The value of attribute `name` of element `i`, entities decoded.
    pub fn attr_decoded(&self, i: usize, name: &str) -> Option<std::borrow::Cow<'a, str>> {
        self.attr(i, name).map(|v| {
            if v.contains('&') {
                std::borrow::Cow::Owned(htmlize::unescape_attribute(v).into_owned())
            } else {
                std::borrow::Cow::Borrowed(v)
            }
        })
    }

    /// The value of attribute `name` (ASCII, any case) of element `i`, not decoded.
    pub fn attr(&self, i: usize, name: &str) -> Option<&'a str> {
        let e = &self.elements[i];
        let src = self.src;
        self.attrs[e.attrs.start as usize..e.attrs.end as usize]
            .iter()
            .find(|a| src[a.name.start as usize..a.name.end as usize].eq_ignore_ascii_case(name))
            .map(|a| &src[a.value.start as usize..a.value.end as usize])
    }

    /// The text of element `i` (descendants included).
    pub fn text_of(&self, i: usize) -> &str {
        let r = &self.elements[i].text;
        &self.text[r.start as usize..r.end as usize]
    }

    /// The children of element `i`, in order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let end = self.elements[i].end as usize;
        let mut j = i + 1;
        std::iter::from_fn(move || {
            (j < end).then(|| {
                let c = j;
                j = self.elements[c].end as usize;
                c
            })
        })
    }

    /// The texts of the elements of kind `tag`, in order.
    pub fn texts_of(&self, tag: Tag) -> Vec<String> {
        (0..self.elements.len())
            .filter(|&i| self.elements[i].tag == tag)
            .map(|i| self.text_of(i).to_string())
            .collect()
    }

    /// The first element of kind `tag`.
    pub fn first(&self, tag: Tag) -> Option<usize> {
        self.elements.iter().position(|e| e.tag == tag)
    }
}

/// Length of a tag name at the start of `b`.
fn name_len(b: &[u8]) -> usize {
    b.iter()
        .take_while(|&&c| !c.is_ascii_whitespace() && c != b'>' && c != b'/')
        .count()
}

fn skip_past_gt(b: &[u8], i: usize) -> usize {
    memchr::memchr(b'>', &b[i..]).map_or(b.len(), |e| i + e + 1)
}

/// Where the raw text of an element named `name` ends (its `</name`, any
/// case) and where parsing goes on after it; the page's end without one.
fn find_end_tag(b: &[u8], from: usize, name: &[u8]) -> (usize, usize) {
    let mut k = from;
    while let Some(o) = memchr::memchr(b'<', &b[k..]) {
        let lt = k + o;
        let after = lt + 2 + name.len();
        if b.get(lt + 1) == Some(&b'/')
            && b.len() >= after
            && b[lt + 2..after].eq_ignore_ascii_case(name)
            && b.get(after).is_none_or(|c| !c.is_ascii_alphanumeric())
        {
            return (lt, skip_past_gt(b, after));
        }
        k = lt + 1;
    }
    (b.len(), b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(d: &Dom) -> Vec<(Tag, String)> {
        d.elements
            .iter()
            .enumerate()
            .map(|(i, e)| (e.tag, d.text_of(i).to_string()))
            .collect()
    }

    #[test]
    fn implied_end_tags_close_paragraphs_items_and_cells() {
        let d = Dom::parse("<div><p>one<p>two<ul><li>a<li>b</ul><p>three</div>");
        let p: Vec<&str> = d
            .elements
            .iter()
            .enumerate()
            .filter(|(_, e)| e.tag == Tag::P)
            .map(|(i, _)| d.text_of(i))
            .collect();
        assert_eq!(p, ["one", "two", "three"]);
        let li: Vec<usize> = (0..d.elements.len())
            .filter(|&i| d.elements[i].tag == Tag::Li)
            .collect();
        assert_eq!(li.len(), 2);
        // The second item is the first's sibling, not its child.
        assert_eq!(d.elements[li[0]].parent, d.elements[li[1]].parent);
        assert_eq!(d.text, "one\ntwo\na\nb\nthree\n");
        let d = Dom::parse("<table><tr><td>a<td>b<tr><td>c</table>");
        let rows = d.elements.iter().filter(|e| e.tag == Tag::Tr).count();
        let cells: Vec<&str> = (0..d.elements.len())
            .filter(|&i| d.elements[i].tag == Tag::Td)
            .map(|i| d.text_of(i))
            .collect();
        assert_eq!((rows, cells), (2, vec!["a", "b", "c"]));
    }

    #[test]
    fn raw_text_entities_comments_and_stray_tags() {
        let d = Dom::parse(
            "<!DOCTYPE html><title>A &amp; B</title><script>if (a<b) { x = '<p>'; }</SCRIPT>\
             <!-- <p>hidden</p> --><p>caf&eacute; &#8220;x&#x201d; 1 < 2</b></span></p><style>p{}</style>",
        );
        assert_eq!(d.text, "A & B\ncafé \u{201c}x\u{201d} 1 < 2\n");
        let t: Vec<Tag> = tags(&d).into_iter().map(|t| t.0).collect();
        assert_eq!(t, [Tag::Title, Tag::Script, Tag::P, Tag::Style]);
        // An unclosed script swallows the rest of the page, as in a browser.
        let d = Dom::parse("<p>a</p><script>var x = '<p>b</p>';");
        assert_eq!(d.text, "a\n");
    }

    #[test]
    fn attributes_links_and_whitespace() {
        let d = Dom::parse(
            "<div id=main class = 'story body' data-x=\"a>b\"><a href=/x>link  text</a>\n\n and   more</div>",
        );
        assert_eq!(d.attr(0, "ID"), Some("main"));
        assert_eq!(d.attr(0, "class"), Some("story body"));
        assert_eq!(d.attr(0, "data-x"), Some("a>b"));
        assert_eq!(d.text_of(0), "link text and more");
        assert_eq!(d.elements[0].link_bytes, "link text".len() as u32);
        assert_eq!(d.children(0).collect::<Vec<_>>(), [1]);
    }

    #[test]
    fn nesting_is_capped() {
        let html = "<div>".repeat(10_000) + "deep" + &"</div>".repeat(10_000);
        let d = Dom::parse(&html);
        assert_eq!(d.elements.len(), MAX_DEPTH);
        assert_eq!(d.too_deep, 10_000 - MAX_DEPTH);
        assert_eq!(d.text.trim(), "deep");
        // Malformed input ends without a panic.
        for bad in [
            "<",
            "<a",
            "<a href='x",
            "</",
            "<!--",
            "<p>x</p",
            "<<>>",
            "<a =x>",
        ] {
            Dom::parse(bad);
        }
    }
}
