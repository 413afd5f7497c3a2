//! Pass 1: per-node text statistics and hints, bottom-up in one walk.
//!
//! A *unit* is the text a block-level element holds directly (not inside a nested block):
//! roughly what a reader sees as one paragraph. Each unit gets a signed weight — positive for
//! prose, negative for link lists and short labels — and every element's `score` is the sum of
//! the unit weights below it. The article is the subtree where prose outweighs furniture most.

use newsdesk_dom::{Document, Edge, NodeId, NodeKind, Tag};

use crate::text::{is_invisible, is_space};
use crate::vocab::body::{Tuning, attribute_hints, hint, is_state_class, role_hints};

#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Info {
    pub hints: u32,
    /// Never content (script, style, form controls, media): ignored entirely.
    pub skip: bool,
    pub block: bool,
    /// Visible characters in the subtree.
    pub chars: u32,
    /// Visible characters inside links.
    pub link_chars: u32,
    /// Number of `<a href>` elements in the subtree.
    pub links: u16,
    /// Visible characters of this element's own unit (0 for inline elements).
    pub own_chars: u32,
    pub own_link_chars: u32,
    /// Words of the own unit by their first character: lower-case, upper-case, digit.
    /// Prose is mostly lower-case words; titles, menus, addresses and scores are not.
    pub own_lower: u16,
    pub own_upper: u16,
    pub own_digit: u16,
    /// Words starting with a letter of a caseless script (Bengali, Chinese, Arabic, ...).
    pub own_caseless: u16,
    /// Signed weight of the own unit.
    pub unit: f32,
    /// Sum of unit weights in the subtree.
    pub score: f32,
    /// Sum of positive unit weights in the subtree.
    pub good: f32,
}

impl Info {
    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

/// A link that leads somewhere: `javascript:` handlers and bare `#` are buttons, not links.
pub(crate) fn is_link(el: &newsdesk_dom::Element) -> bool {
    el.tag == Tag::A
        && el.attr("href").is_some_and(|h| {
            let h = h.trim();
            !h.is_empty()
                && h != "#"
                && !h
                    .get(..11)
                    .is_some_and(|p| p.eq_ignore_ascii_case("javascript:"))
        })
}

/// Tags that are containers of blocks for our purposes, including unknown custom elements.
pub(crate) fn is_block_tag(tag: Tag) -> bool {
    tag.is_block() || tag == Tag::Other
}

/// Hints of the class/id strings seen on this page: pages repeat a handful of them on hundreds
/// of elements, and matching one against the vocabulary is the costly part.
type HintMemo = rustc_hash::FxHashMap<Box<str>, u32>;

fn element_hints(doc: &Document, n: NodeId, scratch: &mut String, memo: &mut HintMemo) -> u32 {
    let Some(el) = doc.element(n) else { return 0 };
    let mut bits = 0;
    scratch.clear();
    for a in &el.attrs {
        match &*a.name {
            "class" | "id" => {
                for class in a.value.split_ascii_whitespace() {
                    if !is_state_class(class) {
                        scratch.push_str(class);
                        scratch.push(' ');
                    }
                }
            }
            "role" => bits |= role_hints(&a.value),
            "itemprop" if a.value.eq_ignore_ascii_case("articlebody") => bits |= hint::CONTENT,
            "itemprop" if a.value.eq_ignore_ascii_case("liveblogupdate") => bits |= hint::LIVE,
            "itemprop" if a.value.to_ascii_lowercase().contains("author") => bits |= hint::BYLINE,
            "hidden" => bits |= hint::HIDDEN,
            "aria-hidden" if a.value.eq_ignore_ascii_case("true") => bits |= hint::HIDDEN,
            "style" => {
                let s = a.value.to_ascii_lowercase();
                let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
                if s.contains("display:none") || s.contains("visibility:hidden") {
                    bits |= hint::HIDDEN;
                }
            }
            _ => {}
        }
    }
    if !scratch.is_empty() {
        scratch.make_ascii_lowercase();
        bits |= match memo.get(scratch.as_str()) {
            Some(&b) => b,
            None => {
                let b = attribute_hints(scratch);
                memo.insert(scratch.as_str().into(), b);
                b
            }
        };
    }
    bits |= match el.tag {
        Tag::Nav => hint::NAVIGATION,
        Tag::Aside | Tag::Footer => hint::TEMPLATE,
        Tag::Main => hint::MAYBE_CONTENT,
        Tag::Article => hint::MAYBE_CONTENT,
        Tag::Figcaption => hint::CAPTION,
        _ => 0,
    };
    bits
}

fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '"' | '”' | '’' | '»' | '«' | ')' | ':' | '。' | '！' | '？' | '…'
    )
}

/// Positive unit weight inside hidden subtrees (outermost ones only, so none counts twice).
pub(crate) fn hidden_good(doc: &Document, root: NodeId, info: &[Info]) -> f32 {
    let mut sum = 0.0;
    let mut walk = doc.traverse(root);
    while let Some(edge) = walk.next() {
        let Edge::Open(n) = edge else { continue };
        let i = &info[n.index()];
        if i.skip || i.chars == 0 {
            walk.skip_children();
        } else if n != root && i.hints & hint::HIDDEN != 0 {
            sum += i.good;
            walk.skip_children();
        }
    }
    sum
}

/// Computes [`Info`] for every node under `root`.
pub(crate) fn compute(doc: &Document, root: NodeId, tuning: &Tuning) -> Vec<Info> {
    let mut info = vec![Info::default(); doc.len()];
    let mut scratch = String::new();
    let mut memo = HintMemo::default();
    // Stack of open block elements: (node, last visible char of its own text).
    let mut blocks: Vec<(NodeId, char)> = Vec::with_capacity(64);
    let mut link_depth = 0u32;

    let mut walk = doc.traverse(root);
    while let Some(edge) = walk.next() {
        match edge {
            Edge::Open(n) => match doc.kind(n) {
                NodeKind::Element(el) => {
                    let i = &mut info[n.index()];
                    if el.tag.is_non_content() {
                        i.skip = true;
                        walk.skip_children();
                        continue;
                    }
                    i.hints = element_hints(doc, n, &mut scratch, &mut memo);
                    if is_block_tag(el.tag) {
                        i.block = true;
                        blocks.push((n, ' '));
                    }
                    if is_link(el) {
                        link_depth += 1;
                        i.links = 1;
                    }
                }
                NodeKind::Text(t) => {
                    let mut count = 0u32;
                    let mut last = None;
                    let (mut lower, mut upper, mut digit, mut caseless) = (0u16, 0u16, 0u16, 0u16);
                    let mut in_word = false;
                    for c in t.chars() {
                        if !is_space(c) && !is_invisible(c) {
                            count += 1;
                            last = Some(c);
                        }
                        let alnum = c.is_alphanumeric();
                        if alnum && !in_word {
                            if c.is_lowercase() {
                                lower = lower.saturating_add(1);
                            } else if c.is_uppercase() {
                                upper = upper.saturating_add(1);
                            } else if c.is_numeric() {
                                digit = digit.saturating_add(1);
                            } else {
                                caseless = caseless.saturating_add(1);
                            }
                        }
                        in_word = alnum || (in_word && (c == '\'' || c == '’' || c == '-'));
                    }
                    let i = &mut info[n.index()];
                    i.chars = count;
                    if link_depth > 0 {
                        i.link_chars = count;
                    }
                    if let Some((b, last_char)) = blocks.last_mut() {
                        let bi = &mut info[b.index()];
                        bi.own_chars += count;
                        if link_depth > 0 {
                            bi.own_link_chars += count;
                        }
                        bi.own_lower = bi.own_lower.saturating_add(lower);
                        bi.own_upper = bi.own_upper.saturating_add(upper);
                        bi.own_digit = bi.own_digit.saturating_add(digit);
                        bi.own_caseless = bi.own_caseless.saturating_add(caseless);
                        if let Some(c) = last {
                            *last_char = c;
                        }
                    }
                }
                _ => {}
            },
            Edge::Close(n) => {
                let Some(el) = doc.element(n) else { continue };
                if info[n.index()].skip {
                    continue;
                }
                if is_link(el) {
                    link_depth = link_depth.saturating_sub(1);
                }
                let (mut chars, mut link_chars, mut links, mut score, mut good) =
                    (0u32, 0u32, 0u32, 0f32, 0f32);
                for c in doc.children(n) {
                    let ci = &info[c.index()];
                    if ci.skip {
                        continue;
                    }
                    chars += ci.chars;
                    link_chars += ci.link_chars;
                    links += ci.links as u32;
                    score += ci.score;
                    good += ci.good;
                }
                let i = &mut info[n.index()];
                i.chars = chars;
                i.link_chars = link_chars;
                i.links = (links + i.links as u32).min(u16::MAX as u32) as u16;
                if i.block {
                    let last = blocks.pop().map_or(' ', |(_, c)| c);
                    i.unit = unit_weight(i, ends_sentence(last), tuning);
                    // Short cells and list items are data, not furniture: neutral.
                    if i.unit < 0.0
                        && i.own_link_chars == 0
                        && matches!(el.tag, Tag::Td | Tag::Th | Tag::Li | Tag::Dd | Tag::Dt)
                    {
                        i.unit = 0.0;
                    }
                }
                i.score = score + i.unit;
                i.good = good + i.unit.max(0.0);
            }
        }
    }
    info
}

/// The signed weight of one unit of text.
fn unit_weight(i: &Info, sentence: bool, t: &Tuning) -> f32 {
    let chars = i.own_chars;
    if chars == 0 {
        return 0.0;
    }
    let link_chars = i.own_link_chars.min(chars);
    let density = link_chars as f32 / chars as f32;
    let plain = (chars - link_chars) as usize;
    let prose = prose_factor(i);
    if density > t.max_unit_link_density {
        -(chars as f32)
    } else if plain >= t.good_unit_chars && prose > 0.0 {
        prose * plain as f32
    } else if plain >= t.sentence_unit_chars && sentence && prose > 0.0 {
        0.5 * prose * plain as f32
    } else {
        -t.short_unit_penalty * chars as f32
    }
}

/// How much a unit reads like running text, from its words' first letters: prose is mostly
/// lower-case words in cased scripts (English ~80%, German ~60% with its capitalised nouns);
/// headlines, menus, addresses, tables of numbers are not. Caseless scripts pass.
fn prose_factor(i: &Info) -> f32 {
    let (l, u, d) = (i.own_lower as f32, i.own_upper as f32, i.own_digit as f32);
    let o = i.own_caseless as f32;
    // Mostly numbers (scores, prices, standings) is not prose in any script.
    if l + u + o + d >= PROSE_MIN_WORDS && d > l + u + o {
        return 0.0;
    }
    // Caseless scripts carry no case signal.
    if l + u < PROSE_MIN_WORDS || o > l + u {
        return 1.0;
    }
    let cased = l + u + d;
    let lower = l / cased;
    if lower >= PROSE_LOWER_SHARE {
        1.0
    } else if lower >= PROSE_LOWER_SHARE / 2.0 {
        0.5
    } else {
        0.0
    }
}

/// Units with fewer cased words are not judged by case.
const PROSE_MIN_WORDS: f32 = 6.0;
/// Share of lower-case words at which a unit counts fully as prose; half of it counts half.
const PROSE_LOWER_SHARE: f32 = 0.45;
