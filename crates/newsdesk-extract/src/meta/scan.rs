//! One walk over the document collecting everything the metadata stage looks at: metas, links,
//! `<title>`, `<html lang>`, JSON-LD scripts, headings, `<time>` elements, `itemprop` fields and
//! the byline / date candidate elements. Later steps only do targeted lookups on what is here.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use newsdesk_dom::{Document, Edge, NodeId, Tag};

use crate::text::fold_ws;
use crate::vocab::meta as vocab;

/// One `<meta>`: key is the lower-cased `property`, `name`, `itemprop` or `http-equiv`.
pub(crate) struct MetaTag<'a> {
    pub key: String,
    pub content: &'a str,
    /// Keyed by `property` (RDFa, as Open Graph and Dublin Core specify), not `name`.
    pub property: bool,
}

#[derive(Default)]
pub(crate) struct Scan<'a> {
    pub html_lang: Option<&'a str>,
    pub title: Option<String>,
    pub metas: Vec<MetaTag<'a>>,
    pub canonical: Option<&'a str>,
    /// `<link rel=author>` / `<a rel=author>` elements.
    pub rel_authors: Vec<NodeId>,
    pub jsonld: Vec<String>,
    /// Other JSON data scripts (an app's initial state), read only when nothing else dates the
    /// page. Code scripts keep no text in the tree.
    pub scripts: Vec<NodeId>,
    /// `h1` elements in the body (first few), with folded text.
    pub h1s: Vec<(NodeId, String)>,
    /// `h2` elements in the body (first few), for pages whose headline is an `h2`.
    pub h2s: Vec<NodeId>,
    /// `<time>` elements in the body.
    pub times: Vec<NodeId>,
    /// Elements with `itemprop` (not metas): (lower-cased itemprop, node).
    pub itemprops: Vec<(String, NodeId)>,
    /// Elements whose class/id marks a byline.
    pub bylines: Vec<NodeId>,
    /// Elements whose class/id marks a date.
    pub date_elements: Vec<NodeId>,
    pub body: Option<NodeId>,
}

impl<'a> Scan<'a> {
    /// First meta content for any of `keys` (in the order of `keys`).
    pub fn meta<'k>(&self, keys: &[&'k str]) -> Option<(&'k str, &'a str)> {
        for k in keys {
            if let Some(m) = self
                .metas
                .iter()
                .find(|m| m.key == *k && !m.content.trim().is_empty())
            {
                return Some((k, m.content));
            }
        }
        None
    }

    /// Every meta content for `key`, those keyed by `property` first.
    pub fn metas_named_property_first<'s>(
        &'s self,
        key: &'s str,
    ) -> impl Iterator<Item = &'a str> + 's {
        let by = move |property: bool| {
            self.metas
                .iter()
                .filter(move |m| m.key == key && m.property == property)
                .map(|m| m.content)
        };
        by(true).chain(by(false))
    }

    /// Every meta content for `key`.
    pub fn metas_named<'s>(&'s self, key: &'s str) -> impl Iterator<Item = &'a str> + 's {
        self.metas
            .iter()
            .filter(move |m| m.key == key)
            .map(|m| m.content)
    }
}

/// Cuts `s` to at most `max` bytes at a char boundary.
pub(crate) fn cap(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The byline and date markers as one automaton: a class/id value is scanned once.
static MARKERS: LazyLock<(AhoCorasick, usize)> = LazyLock::new(|| {
    let patterns: Vec<&str> = vocab::BYLINE_MARKERS
        .iter()
        .chain(vocab::DATE_MARKERS)
        .copied()
        .collect();
    let ac = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(&patterns)
        .expect("marker automaton");
    (ac, vocab::BYLINE_MARKERS.len())
});

/// (byline marker, date marker) found in the element's class/id/itemprop.
fn markers(doc: &Document, n: NodeId) -> (bool, bool) {
    let (ac, split) = &*MARKERS;
    let (mut byline, mut date) = (false, false);
    for name in ["class", "id", "itemprop"] {
        if let Some(v) = doc.attr(n, name) {
            for m in ac.find_overlapping_iter(cap(v, 300)) {
                if m.pattern().as_usize() < *split {
                    byline = true;
                } else {
                    date = true;
                }
                if byline && date {
                    return (true, true);
                }
            }
        }
    }
    (byline, date)
}

/// ASCII-case-insensitive substring test without allocating (markers are lower-case ASCII).
pub(crate) fn contains_ignore_case(hay: &str, needle: &str) -> bool {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() {
        return true;
    }
    if h.len() < n.len() {
        return false;
    }
    h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// An `h1`'s headline: a kicker printed inside it ("<span class=dachzeile>Corona</span>
/// <span class=headline>Shops reopen</span>", "<small>Series</small><br>Title") and the
/// visually hidden separator after it are left out; the whole text when nothing else is left.
fn headline_text(doc: &Document, h1: NodeId) -> String {
    let whole = super::authors::element_text(doc, h1, vocab::MAX_TITLE_CHARS);
    let marked = |n: NodeId, markers: &[&str]| {
        ["class", "data-test-id"].iter().any(|a| {
            doc.attr(n, a).is_some_and(|v| {
                let v = cap(v, 200);
                markers.iter().any(|m| contains_ignore_case(v, m))
            })
        })
    };
    // A part named the headline ("article__headline", not a "subheadline").
    let headline_part = |n: NodeId| {
        doc.attr(n, "class").is_some_and(|v| {
            let v = cap(v, 200);
            contains_ignore_case(v, "headline")
                && !contains_ignore_case(v, "subheadline")
                && !contains_ignore_case(v, "sub-headline")
        })
    };
    if let Some(part) = doc.descendants(h1).find(|&d| d != h1 && headline_part(d)) {
        let t = super::authors::element_text(doc, part, vocab::MAX_TITLE_CHARS);
        if t.chars().count() >= 3 && t.len() < whole.len() {
            return t;
        }
    }
    let hidden = |n: NodeId| {
        marked(n, vocab::HIDDEN_MARKERS)
            || doc
                .attr(n, "aria-hidden")
                .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    };
    let mut out = String::new();
    let mut cut = false;
    let mut seen_text = false;
    let mut it = doc.traverse(h1);
    while let Some(e) = it.next() {
        let Edge::Open(n) = e else { continue };
        if n != h1 && doc.element(n).is_some() {
            // A kicker opens the heading: before any headline text.
            let kicker = !seen_text
                && (marked(n, vocab::KICKER_MARKERS) || doc.is(n, Tag::Small))
                && !headline_part(n);
            if kicker || (cut && hidden(n)) {
                cut |= kicker;
                it.skip_children();
                continue;
            }
            if matches!(
                doc.tag(n),
                Some(Tag::Script | Tag::Style | Tag::Noscript | Tag::Svg | Tag::Template)
            ) {
                it.skip_children();
                continue;
            }
            if doc.tag(n).is_some_and(|t| t.is_block() || t == Tag::Br) {
                out.push(' ');
            }
        }
        if let Some(t) = doc.text(n) {
            if !t.trim().is_empty() {
                seen_text = true;
            }
            out.push_str(t);
        }
    }
    if !cut {
        return trim_anchor(whole);
    }
    let main = fold_ws(&out);
    let main = main
        .trim_start_matches([':', '-', '–', '—', '|', ' '])
        .trim();
    if main.chars().count() < 3 || main.chars().count() > vocab::MAX_TITLE_CHARS {
        trim_anchor(whole)
    } else {
        main.to_owned()
    }
}

/// Drops a permalink mark documentation generators append to headings ("Title¶").
fn trim_anchor(mut t: String) -> String {
    while t.ends_with(['¶', '§']) {
        t.pop();
        t.truncate(t.trim_end().len());
    }
    t
}

pub(crate) fn scan(doc: &Document) -> Scan<'_> {
    let mut s = Scan::default();
    let mut in_body = false;
    let mut it = doc.traverse(doc.root());
    while let Some(e) = it.next() {
        let Edge::Open(n) = e else { continue };
        {
            let Some(el) = doc.element(n) else {
                continue;
            };
            match el.tag {
                Tag::Html if s.html_lang.is_none() => {
                    s.html_lang = el.attr("lang").or_else(|| el.attr("xml:lang"));
                }
                Tag::Body => {
                    in_body = true;
                    if s.body.is_none() {
                        s.body = Some(n);
                    }
                }
                Tag::Title => {
                    if s.title.is_none() {
                        let t = fold_ws(cap(&doc.text_content(n), vocab::MAX_META_LEN));
                        if !t.is_empty() {
                            s.title = Some(t);
                        }
                    }
                    it.skip_children();
                    continue;
                }
                Tag::Meta => {
                    let content = el.attr("content").or_else(|| el.attr("value"));
                    if let Some(content) = content {
                        let content = cap(content, vocab::MAX_META_LEN);
                        for attr in ["property", "name", "itemprop", "http-equiv"] {
                            if let Some(k) = el.attr(attr) {
                                // `property` may list several names ("og:title twitter:title");
                                // Dublin Core is written `dc:title` or `DC.title`.
                                for k in cap(k, 200).split_ascii_whitespace() {
                                    let mut k = k.to_ascii_lowercase();
                                    if k.starts_with("dc:") || k.starts_with("dcterms:") {
                                        k = k.replacen(':', ".", 1);
                                    }
                                    s.metas.push(MetaTag {
                                        key: k,
                                        content,
                                        property: attr == "property",
                                    });
                                }
                            }
                        }
                    }
                }
                Tag::Link => {
                    if let Some(rel) = el.attr("rel") {
                        let rel = cap(rel, 100);
                        if rel
                            .split_ascii_whitespace()
                            .any(|r| r.eq_ignore_ascii_case("canonical"))
                            && s.canonical.is_none()
                        {
                            s.canonical = el.attr("href");
                        }
                        if rel
                            .split_ascii_whitespace()
                            .any(|r| r.eq_ignore_ascii_case("author"))
                        {
                            s.rel_authors.push(n);
                        }
                    }
                }
                Tag::Script => {
                    if let Some(t) = el.attr("type")
                        && contains_ignore_case(t, "ld+json")
                        && s.jsonld.len() < vocab::MAX_JSONLD_SCRIPTS
                    {
                        let text = doc.text_content(n);
                        if text.len() <= vocab::MAX_JSONLD_LEN {
                            s.jsonld.push(text);
                        }
                    } else if el
                        .attr("type")
                        .is_some_and(|t| contains_ignore_case(t, "json"))
                        && s.scripts.len() < vocab::MAX_SCRIPTS
                    {
                        s.scripts.push(n);
                    }
                    it.skip_children();
                    continue;
                }
                // Subtrees with no article facts: skipped whole.
                Tag::Style | Tag::Noscript | Tag::Svg | Tag::Math | Tag::Template => {
                    it.skip_children();
                    continue;
                }
                _ => {}
            }
            if !in_body {
                continue;
            }
            match el.tag {
                Tag::H1 if s.h1s.len() < 8 => {
                    let t = headline_text(doc, n);
                    if !t.is_empty() {
                        s.h1s.push((n, t));
                    }
                }
                Tag::H2 if s.h2s.len() < 8 => s.h2s.push(n),
                Tag::Time if s.times.len() < vocab::MAX_CANDIDATES => s.times.push(n),
                Tag::A => {
                    if let Some(rel) = el.attr("rel")
                        && rel
                            .split_ascii_whitespace()
                            .any(|r| r.eq_ignore_ascii_case("author"))
                        && s.rel_authors.len() < vocab::MAX_CANDIDATES
                    {
                        s.rel_authors.push(n);
                    }
                }
                _ => {}
            }
            if let Some(ip) = el.attr("itemprop")
                && s.itemprops.len() < 4 * vocab::MAX_CANDIDATES
            {
                let ip = cap(ip, 100).to_ascii_lowercase();
                s.itemprops.push((ip, n));
            }
            if el
                .attrs
                .iter()
                .any(|a| &*a.name == "class" || &*a.name == "id")
            {
                let (byline, date) = markers(doc, n);
                if byline && s.bylines.len() < vocab::MAX_CANDIDATES {
                    s.bylines.push(n);
                }
                if date && s.date_elements.len() < vocab::MAX_CANDIDATES {
                    s.date_elements.push(n);
                }
            }
        }
    }
    s
}
