//! Authors: cleaned person (or organisation) names from JSON-LD, metas, `itemprop=author`,
//! `rel=author`, byline elements and "By X and Y" text, strongest source first.
//!
//! Structured sources (JSON-LD, metas) are trusted to name an author and only cleaned; page
//! text (byline elements, "By ..." lines) must also look like names (capitalised words, no
//! sentence or navigation words), so a wrong guess is dropped rather than reported.

use newsdesk_dom::{Document, Edge, NodeId, Tag};

use crate::text::fold_ws;
use crate::vocab::meta as vocab;

use super::clean::{decode_entities, key};
use super::scan::{Scan, cap, contains_ignore_case};

/// How much a source is trusted: structured sources name authors by contract.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Trust {
    Structured,
    /// An element dedicated to the author (`class="author vcard"`, `rel=author`): a lone
    /// lower-case handle ("gnaddrig") is accepted as a name there.
    Element,
    Text,
}

/// Text of an element with spaces at block boundaries and `<br>`, capped.
pub(crate) fn element_text(doc: &Document, n: NodeId, max_chars: usize) -> String {
    text_of(doc, n, max_chars, false)
}

/// As [`element_text`], with a space between any two text nodes: a date box of one element per
/// part ("<span>Apr</span> <span>04</span><span>2013</span>") otherwise runs "042013" together.
pub(crate) fn element_text_spaced(doc: &Document, n: NodeId, max_chars: usize) -> String {
    text_of(doc, n, max_chars, true)
}

fn text_of(doc: &Document, n: NodeId, max_chars: usize, spaced: bool) -> String {
    let mut out = String::new();
    let mut it = doc.traverse(n);
    while let Some(e) = it.next() {
        match e {
            Edge::Open(c) => {
                match doc.tag(c) {
                    Some(Tag::Script | Tag::Style | Tag::Noscript | Tag::Svg | Tag::Template) => {
                        it.skip_children();
                        continue;
                    }
                    Some(t) if t.is_block() || t == Tag::Br => out.push(' '),
                    _ => {}
                }
                if let Some(t) = doc.text(c) {
                    if spaced {
                        out.push(' ');
                    }
                    out.push_str(t);
                    if out.len() > max_chars * 4 {
                        return String::new();
                    }
                }
            }
            Edge::Close(c) => {
                if doc.tag(c).is_some_and(|t| t.is_block()) {
                    out.push(' ');
                }
            }
        }
    }
    let t = fold_ws(&out);
    if t.chars().count() > max_chars {
        return String::new();
    }
    t
}

/// `s` without the prefix `p` (lower-case), compared case-insensitively char by char, so byte
/// offsets always come from `s` itself (lower-casing can change byte lengths: "İ").
fn strip_prefix_ci<'s>(s: &'s str, p: &str) -> Option<&'s str> {
    let mut it = s.char_indices();
    for pc in p.chars() {
        let (_, sc) = it.next()?;
        if !sc.to_lowercase().eq(std::iter::once(pc)) {
            return None;
        }
    }
    let end = it.next().map_or(s.len(), |(i, _)| i);
    s.get(end..)
}

fn strip_prefixes(mut s: &str) -> &str {
    loop {
        let mut changed = false;
        for p in vocab::BYLINE_PREFIXES {
            let Some(rest) = strip_prefix_ci(s, p) else {
                continue;
            };
            // The prefix must end at a word boundary ("Byron" is not "By ron") and leave text.
            if !rest.is_empty() && (p.ends_with(':') || rest.starts_with([' ', ':', '\u{a0}'])) {
                s = rest.trim_start_matches([' ', ':', '\u{a0}']);
                changed = true;
                break;
            }
        }
        if !changed {
            return s;
        }
    }
}

/// Splits and cleans a raw byline into names; `trust` sets how name-like each must look.
pub(crate) fn clean_names(raw: &str, trust: Trust) -> Vec<String> {
    let s = fold_ws(&decode_entities(cap(raw, 600)));
    let s = vocab::BYLINE_NOISE.replace_all(&s, " ");
    let s = vocab::LABEL_GLUE.replace_all(&s, "$1$2");
    let s = match vocab::BUTTON_GLUE.captures(&s).and_then(|c| c.get(1)) {
        Some(letter) => &s[..letter.end()],
        None => &s[..],
    };
    let s = vocab::BYLINE_ASIDE.replace_all(s, "");
    let s = fold_ws(&s);
    let s = strip_prefixes(s.trim_start_matches(|c: char| !c.is_alphanumeric()));
    let s = match vocab::BYLINE_TAIL.find(s) {
        Some(tail) => &s[..tail.start()],
        None => s,
    };
    let s = strip_role(s);
    let s = s.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != ')');
    let mut out: Vec<String> = Vec::new();
    for chunk in vocab::NAME_SPLIT.split(s) {
        // Split at "and"/"und"/"&" only when every part reads as a person's name.
        let parts: Vec<&str> = vocab::NAME_CONJUNCTION.split(chunk).collect();
        let split = parts.len() > 1
            && parts
                .iter()
                .all(|p| is_name(clean_part(p).as_str(), Trust::Text));
        let pieces = if split { parts } else { vec![chunk] };
        for part in pieces {
            let p = clean_part(part);
            if is_name(&p, trust) && !out.iter().any(|o| key(o) == key(&p)) {
                out.push(p);
            }
        }
    }
    out
}

/// Cuts a trailing role ("Jane Roe, Staff Writer", "Max Muster Chefredakteur"), unless only
/// a space separates it and a single word would be left: "Rasender Reporter" is a pen name.
fn strip_role(s: &str) -> std::borrow::Cow<'_, str> {
    let Some(m) = vocab::ROLE_SUFFIX.find(s) else {
        return s.into();
    };
    let head = s[..m.start()].trim();
    let spaced = m.as_str().starts_with(char::is_whitespace)
        && !m.as_str().trim_start().starts_with(['-', '–', '—']);
    if spaced && !head.contains(char::is_whitespace) && !head.is_empty() {
        return s.into();
    }
    s[..m.start()].to_owned().into()
}

fn clean_part(part: &str) -> String {
    let p = strip_prefixes(part.trim());
    let p = strip_role(p);
    let p = p
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
        .trim_end_matches('.')
        .trim();
    p.strip_suffix(" Staff").unwrap_or(p).trim().to_owned()
}

/// "finanztreff.de", "LAOLA1.at": a site's domain used as an author.
fn looks_like_domain(s: &str) -> bool {
    s.rsplit_once('.').is_some_and(|(head, tld)| {
        !head.is_empty()
            && !head.ends_with(' ')
            && (2..=4).contains(&tld.len())
            && tld.chars().all(|c| c.is_ascii_lowercase())
    })
}

/// True when `s` can be a person's or organisation's name.
pub(crate) fn is_name(s: &str, trust: Trust) -> bool {
    let n = s.chars().count();
    if !(2..=60).contains(&n) {
        return false;
    }
    let k = key(s);
    if k.is_empty() || vocab::JUNK_AUTHORS.contains(&k.as_str()) {
        return false;
    }
    if s.contains(['?', '!', '|', '<', '>', '{', '}', '=', '"', '“', '”']) {
        return false;
    }
    if trust != Trust::Structured && s.contains(':') {
        return false;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    match trust {
        Trust::Structured => words.len() <= 7 && !s.ends_with(':'),
        Trust::Element | Trust::Text if n <= 2 => false,
        Trust::Element if words.len() == 1 && !k.contains("admin") => {
            let w = words[0].to_lowercase();
            !vocab::NON_NAME_WORDS.contains(&w.as_str())
                && w.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
                && w.chars().any(char::is_alphabetic)
        }
        Trust::Element | Trust::Text => {
            if words.is_empty() || words.len() > 5 || s.chars().any(|c| c.is_ascii_digit()) {
                return false;
            }
            let mut capitalised = 0;
            for w in &words {
                let lower = w.to_lowercase();
                let first = w.chars().next().unwrap_or(' ');
                let particle = vocab::NAME_PARTICLES.contains(&lower.as_str());
                if first.is_uppercase() {
                    if vocab::NON_NAME_WORDS.contains(&lower.trim_end_matches([',', '.']))
                        && !particle
                    {
                        return false;
                    }
                    capitalised += 1;
                } else if !(particle && first.is_lowercase()) {
                    return false;
                }
            }
            capitalised >= 1 && (words.len() >= 2 || n >= 3)
        }
    }
}

/// True when a class/id value has a token starting with one of `markers` ("comments-area",
/// "related-posts"), not merely containing it ("sticky-sidebar-parent").
pub(crate) fn token_starts_with(v: &str, markers: &[&str]) -> bool {
    cap(v, 300).split_ascii_whitespace().any(|t| {
        markers.iter().any(|m| {
            t.len() >= m.len() && t.as_bytes()[..m.len()].eq_ignore_ascii_case(m.as_bytes())
        })
    })
}

/// A class/id token whose last hyphen/underscore segment names comments ("kb-comment",
/// "user_comments"), not a state of the article ("has-comments", "no-comments").
fn comment_segment(v: &str) -> bool {
    cap(v, 300).split_ascii_whitespace().any(|t| {
        let Some((head, last)) = t.rsplit_once(['-', '_']) else {
            return false;
        };
        let last = last.to_ascii_lowercase();
        (last == "comment" || last == "comments")
            && !matches!(
                head.to_ascii_lowercase().as_str(),
                "has" | "no" | "with" | "show" | "open" | "allow" | "enable" | "count"
            )
    })
}

/// Outside the article: in a comment thread, or (when no `<article>`/`<main>` encloses it) in
/// navigation, a teaser rail, a page footer or sidebar. Themes wrap the article in containers
/// named "sidebar" or put its byline in an article `<footer>`, so inside an article only comment
/// markers count.
pub(crate) fn in_bad_context(doc: &Document, n: NodeId) -> bool {
    let mut in_article = false;
    let mut foreign = false;
    for a in doc.ancestors(n).take(30) {
        match doc.tag(a) {
            Some(Tag::Article | Tag::Main) => in_article = true,
            Some(Tag::Nav | Tag::Footer | Tag::Aside | Tag::Form) => foreign = true,
            Some(Tag::Body) => break,
            _ => {}
        }
        for attr in ["class", "id"] {
            if let Some(v) = doc.attr(a, attr) {
                if token_starts_with(v, vocab::COMMENT_CONTEXT) || comment_segment(v) {
                    return true;
                }
                // A list of other stories wraps each teaser in its own `<article>`.
                if in_article && token_starts_with(v, vocab::OTHER_STORIES_CONTEXT) {
                    return true;
                }
                if token_starts_with(v, vocab::FOREIGN_CONTEXT) {
                    foreign = true;
                }
            }
        }
    }
    foreign && !in_article
}

fn has_anti_marker(doc: &Document, n: NodeId) -> bool {
    ["class", "id"].iter().any(|a| {
        doc.attr(n, a).is_some_and(|v| {
            let v = cap(v, 200);
            vocab::BYLINE_ANTI_MARKERS
                .iter()
                .any(|m| contains_ignore_case(v, m))
        })
    })
}

/// Inputs beyond the scan.
pub(crate) struct AuthorInputs<'a> {
    pub jsonld: &'a [String],
    /// Site and publisher names (comparison keys, not host names: a personal blog's host is its
    /// author's name): an "author" equal to one is the outlet.
    pub sites: &'a [String],
    /// Short texts after the headline, for "By X" lines.
    pub lead_texts: &'a [String],
    /// Keys of the page's host ("example", "example.org").
    pub hosts: &'a [String],
    /// The page's texts from the top (the fallback for "Posted by" lines in post footers).
    pub wide_texts: &'a dyn Fn() -> &'a [String],
}

/// Chooses the authors and their source.
/// Chooses the authors and their source; a first name or user handle from one source is
/// completed from another that writes the full name ("nils" -> "Nils Pickert").
pub(crate) fn choose(
    doc: &Document,
    scan: &Scan,
    inp: &AuthorInputs,
) -> Option<(Vec<String>, &'static str)> {
    let (names, source) = choose_sources(doc, scan, inp)?;
    let names = names
        .into_iter()
        .map(|n| strip_site_affix(&n, inp.sites))
        .collect::<Vec<_>>();
    let needs = |n: &String| {
        !vocab::EDITORIAL_BYLINES.contains(&key(n).as_str())
            && (!n.contains(char::is_whitespace) || looks_like_handle(n))
    };
    if !names.iter().any(needs) {
        return Some((names, source));
    }
    let fuller = fuller_names(doc, scan, inp);
    // A handle whose letters say nothing ("CC7567") is the page's first full byline name.
    // (Bylines are in document order: the first is the article's, later ones teasers'.)
    let only = (names.len() == 1)
        .then(|| fuller.first().cloned())
        .flatten();
    let mut out: Vec<String> = Vec::new();
    for n in names {
        let better = needs(&n)
            .then(|| fuller.iter().find(|f| completes(&n, f)))
            .flatten()
            .cloned()
            .or_else(|| {
                only.clone()
                    .filter(|_| looks_like_handle(&n) && n.chars().any(|c| c.is_ascii_digit()))
            })
            .unwrap_or(n);
        if !out.iter().any(|o| key(o) == key(&better)) {
            out.push(better);
        }
    }
    Some((out, source))
}

/// "christian.stadtfeld", "gabor_munier", "arianschlichenmayer", "CC7567": a CMS user name.
fn looks_like_handle(n: &str) -> bool {
    !n.contains(' ')
        && n.chars().any(char::is_alphabetic)
        && n.chars().count() >= 5
        && (n.chars().any(|c| c.is_ascii_digit())
            || (!n.chars().any(char::is_uppercase) && n.chars().count() >= 6))
}

/// Lower-case, accents folded, letters and digits only: "Gàbor Muniér" -> "gabormunier".
fn folded(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| {
            if c.is_ascii_alphanumeric() {
                return Some(c);
            }
            let base = match c {
                'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
                'ç' | 'ć' | 'č' => 'c',
                'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
                'ì' | 'í' | 'î' | 'ï' | 'ı' => 'i',
                'ñ' | 'ń' | 'ň' => 'n',
                'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ő' => 'o',
                'ù' | 'ú' | 'û' | 'ü' | 'ů' | 'ű' => 'u',
                'ý' | 'ÿ' => 'y',
                'ś' | 'š' | 'ş' => 's',
                'ź' | 'ż' | 'ž' => 'z',
                'ł' => 'l',
                'ř' => 'r',
                'ť' => 't',
                'ď' => 'd',
                'ß' => 's',
                _ => return None,
            };
            Some(base)
        })
        .collect()
}

/// True when `full` (two or more words) is the full form of `short`: its first name, or the
/// same letters as a handle ("gabor_munier", "arianschlichenmayer", "christian.stadtfeld").
fn completes(short: &str, full: &str) -> bool {
    let words: Vec<String> = full.split_whitespace().map(folded).collect();
    if words.len() < 2 || words.iter().any(String::is_empty) {
        return false;
    }
    let s = folded(short);
    if s.len() < 2 {
        return false;
    }
    if !short.contains(char::is_whitespace) && !looks_like_handle(short) {
        // A first name.
        return words[0] == s;
    }
    if s == words.concat() {
        return true;
    }
    let parts: Vec<String> = short
        .split(['.', '_', '-'])
        .map(folded)
        .filter(|p| !p.is_empty())
        .collect();
    parts.len() >= 2 && parts.first() == words.first() && parts.last() == words.last()
}

/// Full names (two or more words) the page writes near the headline: byline elements,
/// `rel=author` and `itemprop=author` texts, "By X" lines.
fn fuller_names(doc: &Document, scan: &Scan, inp: &AuthorInputs) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |names: Vec<String>| {
        for n in names {
            if n.split_whitespace().count() >= 2 && !out.iter().any(|o| key(o) == key(&n)) {
                out.push(n);
            }
        }
    };
    for &n in scan.bylines.iter().chain(&scan.rel_authors) {
        if doc.is(n, Tag::Link) || has_anti_marker(doc, n) || in_bad_context(doc, n) {
            continue;
        }
        // Short lines only: an author box's "Name Role, hobbies ..." is no full name.
        push(clean_names(&element_text(doc, n, 80), Trust::Text));
    }
    for (ip, n) in &scan.itemprops {
        if ip == "author" && !in_bad_context(doc, *n) {
            push(clean_names(&element_text(doc, *n, 80), Trust::Text));
        }
    }
    let heads: Vec<String> = scan.h1s.iter().map(|(_, t)| key(t)).collect();
    if let Some(names) = by_text(inp.lead_texts, false, &heads) {
        push(names);
    }
    // "Eine Kolumne von Nils Pickert" opening the text.
    for t in inp.lead_texts.iter().take(vocab::DATE_LINE_TEXTS) {
        if t.chars().count() <= 100
            && let Some(c) = vocab::BY_INSIDE.captures(t)
        {
            push(clean_names(
                c.get(1).map_or("", |m| m.as_str()),
                Trust::Text,
            ));
        }
    }
    out
}

/// Cuts the site's name glued to a byline: "Adam Roe PhillyVoice", "unocero - Alberto Ávila".
fn strip_site_affix(name: &str, sites: &[String]) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 3 {
        return name.to_owned();
    }
    // "Redacción Diario Ejemplo" names the outlet's desk: the outlet's name belongs to it.
    let k = key(name);
    if k.split(' ')
        .any(|w| vocab::EDITORIAL_BYLINES.contains(&w) || vocab::ORGANISATION_MARKERS.contains(&w))
    {
        return name.to_owned();
    }
    for s in sites {
        let n = s.split(' ').count();
        if n == 0 || n + 2 > words.len() {
            continue;
        }
        let is_site = |ws: &[&str]| key(&ws.join(" ")) == *s;
        let trim = |ws: &[&str]| {
            ws.join(" ")
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
                .to_owned()
        };
        if is_site(&words[words.len() - n..]) {
            return trim(&words[..words.len() - n]);
        }
        // A prefix may carry its separator as a word of its own ("unocero - Alberto").
        let lead = if words.get(n).is_some_and(|w| key(w).is_empty()) {
            n + 1
        } else {
            n
        };
        if is_site(&words[..n]) && lead < words.len() {
            return trim(&words[lead..]);
        }
    }
    name.to_owned()
}

fn choose_sources(
    doc: &Document,
    scan: &Scan,
    inp: &AuthorInputs,
) -> Option<(Vec<String>, &'static str)> {
    // "Redaktion": kept as written only when no person is named anywhere.
    let mut editorial: Option<(Vec<String>, &'static str)> = None;
    let mut note_editorial = |raw: &str, source: &'static str| {
        if editorial.is_some() || raw.len() > 200 {
            return;
        }
        let t = fold_ws(&decode_entities(raw));
        let t = strip_prefixes(t.trim_matches(|c: char| !c.is_alphanumeric()));
        let t = t.trim_matches(|c: char| !c.is_alphanumeric());
        if vocab::EDITORIAL_BYLINES.contains(&key(t).as_str()) {
            editorial = Some((vec![t.to_owned()], source));
        }
    };
    // An "author" that is the outlet: a site/publisher name, or (for metas and JSON-LD, which
    // CMSs fill with the organisation) the host or an organisation-looking name.
    let is_site_with = |names: &[String], structured: bool| {
        !names.is_empty()
            && names.iter().all(|n| {
                let k = key(n);
                // Equal, or one contains the other with little left over
                // ("National Geographic" / "National Geographic UK").
                let kc = k.replace(' ', "");
                let close_to = |s: &String| {
                    // "Daniel Lemire's blog": the site is named after its author.
                    if k.split(' ').count() >= 2
                        && s.strip_prefix(k.as_str())
                            .and_then(|rest| rest.strip_prefix(' '))
                            .is_some_and(|rest| vocab::PERSONAL_SITE_WORDS.contains(&rest))
                    {
                        return false;
                    }
                    let sc = s.replace(' ', "");
                    let close = kc.len() * 10 >= sc.len() * 7 && sc.len() * 10 >= kc.len() * 7;
                    !sc.is_empty()
                        && kc.len() >= 3
                        && (sc == kc || (close && (sc.contains(&kc) || kc.contains(&sc))))
                };
                inp.sites.iter().any(close_to)
                    || (structured
                        && (inp.hosts.iter().any(close_to)
                            || looks_like_domain(n)
                            || vocab::ORGANISATION_MARKERS
                                .iter()
                                .any(|m| k.split(' ').any(|w| w == *m))))
            })
    };
    let is_site = |names: &[String]| is_site_with(names, false);
    let mut site_fallback: Option<(Vec<String>, &'static str)> = None;
    let mut consider =
        |names: Vec<String>, source: &'static str| -> Option<(Vec<String>, &'static str)> {
            if names.is_empty() {
                return None;
            }
            let structured = source == "json-ld" || source.starts_with("meta");
            if is_site_with(&names, structured) {
                if site_fallback.is_none() && structured {
                    site_fallback = Some((names, source));
                }
                return None;
            }
            // "Rob Picheta, CNN": the outlet beside a person is not an author.
            let names: Vec<String> = if names.len() > 1 {
                names
                    .into_iter()
                    .filter(|n| !is_site(std::slice::from_ref(n)))
                    .collect()
            } else {
                names
            };
            Some((names, source))
        };

    // 1. JSON-LD
    let mut names = Vec::new();
    for raw in inp.jsonld {
        note_editorial(raw, "json-ld");
        for n in clean_names(raw, Trust::Structured) {
            if !names.iter().any(|o: &String| key(o) == key(&n)) {
                names.push(n);
            }
        }
    }
    if let Some(r) = consider(names, "json-ld") {
        return Some(r);
    }

    // 2. Metas
    for k in vocab::AUTHOR_METAS {
        let mut names = Vec::new();
        // `property=` values, when there are any, are the author; `name=` ones repeat or
        // contradict them.
        let by_property = scan.metas.iter().any(|m| m.key == *k && m.property);
        let values = scan
            .metas
            .iter()
            .filter(|m| m.key == *k && (m.property || !by_property))
            .map(|m| m.content);
        for v in values {
            if v.contains("://") || v.starts_with('@') && k.starts_with("twitter") {
                continue;
            }
            note_editorial(v, meta_source(k));
            for n in clean_names(v, Trust::Structured) {
                if !names.iter().any(|o: &String| key(o) == key(&n)) {
                    names.push(n);
                }
            }
        }
        if let Some(r) = consider(names, meta_source(k)) {
            return Some(r);
        }
    }

    // 3. itemprop=author elements in the body (the name inside, else their text).
    let mut names = Vec::new();
    let mut first_parent = None;
    for (ip, n) in &scan.itemprops {
        if (ip == "author" || ip == "creator") && !in_bad_context(doc, *n) {
            // The article's authors sit together; later ones belong to answers or teasers.
            let parent = doc.parent(*n);
            match first_parent {
                None => first_parent = Some(parent),
                Some(p) if p != parent => continue,
                _ => {}
            }
            let name_el = doc.descendants(*n).find(|&d| {
                d != *n
                    && doc
                        .attr(d, "itemprop")
                        .is_some_and(|v| v.eq_ignore_ascii_case("name"))
            });
            let text = match name_el {
                Some(e) => doc
                    .attr(e, "content")
                    .map(str::to_owned)
                    .unwrap_or_else(|| element_text(doc, e, vocab::MAX_BYLINE_CHARS)),
                None => element_text(doc, *n, vocab::MAX_BYLINE_CHARS),
            };
            note_editorial(&text, "itemprop");
            for nm in clean_names(&text, Trust::Element) {
                if !names.iter().any(|o: &String| key(o) == key(&nm)) {
                    names.push(nm);
                }
            }
        }
    }
    if let Some(r) = consider(names, "itemprop") {
        return Some(r);
    }

    // 4. rel=author links.
    let mut names = Vec::new();
    for &n in &scan.rel_authors {
        if doc.is(n, Tag::Link) || in_bad_context(doc, n) {
            continue;
        }
        for nm in clean_names(&element_text(doc, n, 80), Trust::Element) {
            if !names.iter().any(|o: &String| key(o) == key(&nm)) {
                names.push(nm);
            }
        }
    }
    if let Some(r) = consider(names, "rel-author") {
        return Some(r);
    }

    // 5. Byline elements: the first whose text cleans to names.
    for &n in &scan.bylines {
        if has_anti_marker(doc, n) || in_bad_context(doc, n) {
            continue;
        }
        let text = element_text(doc, n, vocab::MAX_BYLINE_CHARS);
        if text.is_empty() {
            continue;
        }
        note_editorial(&text, "byline");
        let names = clean_names(byline_name_part(&text), Trust::Element);
        if names.len() > 4 {
            continue;
        }
        if let Some(r) = consider(names, "byline") {
            return Some(r);
        }
    }

    // 6. "By X and Y" lines after the headline, a date line naming its author, then
    //    "Posted by"-style lines anywhere in the page text.
    let heads: Vec<String> = scan.h1s.iter().map(|(_, t)| key(t)).collect();
    if let Some(names) = by_text(inp.lead_texts, false, &heads)
        && let Some(r) = consider(names, "text")
    {
        return Some(r);
    }
    if let Some(names) = date_line_names(inp.lead_texts)
        && let Some(r) = consider(names, "text")
    {
        return Some(r);
    }
    if let Some(names) = by_text((inp.wide_texts)(), true, &heads)
        && let Some(r) = consider(names, "text")
    {
        return Some(r);
    }
    // 7. An author box after the story ("author-bio", "author-info"): a heading in it that is
    //    one person's full name ("Published by" / "Daniel Lemire").
    for &n in &scan.bylines {
        if !is_author_box(doc, n) || in_bad_context(doc, n) {
            continue;
        }
        let named = doc
            .descendants(n)
            .filter(|&d| {
                doc.tag(d)
                    .and_then(Tag::heading_level)
                    .is_some_and(|l| l >= 2)
            })
            .take(3)
            .map(|h| clean_names(&element_text(doc, h, 80), Trust::Element))
            .find(|names| {
                // One capitalised full name, not the box's label ("Über den Autor").
                names.len() == 1
                    && names[0].split_whitespace().count() >= 2
                    && names[0].starts_with(char::is_uppercase)
                    && !key(&names[0])
                        .split(' ')
                        .any(|w| vocab::AUTHOR_BOX_LABEL_WORDS.contains(&w))
            });
        if let Some(names) = named
            && let Some(r) = consider(names, "byline")
        {
            return Some(r);
        }
    }
    editorial.or(site_fallback)
}

/// An author box: a class/id naming the author and a bio, info or profile box.
fn is_author_box(doc: &Document, n: NodeId) -> bool {
    ["class", "id"].iter().any(|a| {
        doc.attr(n, a).is_some_and(|v| {
            let v = cap(v, 200);
            contains_ignore_case(v, "author")
                && vocab::AUTHOR_BOX_MARKERS
                    .iter()
                    .any(|m| contains_ignore_case(v, m))
        })
    })
}

/// The part of a byline element's text that names the author: after an "Autor:" label among
/// other labelled fields ("Datum: 19.11.2021 Autor: Ida Muster Quelle: Livenet"), or after
/// "von" in "Veröffentlicht am 8. Februar 2022 von Team"; else the whole text.
fn byline_name_part(text: &str) -> &str {
    if let Some(m) = vocab::LABELLED_AUTHOR.captures(text).and_then(|c| c.get(1)) {
        return m.as_str();
    }
    if let Some(c) = vocab::BY_TEXT.captures(text)
        && c.name("q").is_some()
        && let Some(m) = c.name("name").filter(|m| !m.as_str().trim().is_empty())
    {
        return m.as_str();
    }
    text
}

/// A date line under the headline that names its author: "11.12.2019 - Amelie Beispiel",
/// "04.02.2022 | 13:10 Uhr | Uta Muster". Only the first few texts after the headline, only
/// short lines, and what is left besides the date must be one or two full names.
fn date_line_names(texts: &[String]) -> Option<Vec<String>> {
    for t in texts.iter().take(vocab::DATE_LINE_TEXTS) {
        if t.chars().count() > 80 || !t.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let rest = vocab::TEXT_DATE.replace_all(t, " | ");
        if rest.len() == t.len() {
            continue;
        }
        let rest = vocab::CLOCK_TIME.replace_all(&rest, " | ");
        let parts: Vec<&str> = rest
            .split(['|', '·', '•', '–', '—'])
            .flat_map(|p| p.split(" - "))
            .map(|p| p.trim_matches(|c: char| c.is_whitespace() || c == '-' || c == ','))
            .filter(|p| !p.is_empty())
            .collect();
        if parts.is_empty() || parts.len() > 2 {
            continue;
        }
        let mut names = Vec::new();
        for p in parts {
            let n = clean_names(p, Trust::Text);
            if n.len() != 1 || n[0].split_whitespace().count() < 2 {
                names.clear();
                break;
            }
            names.extend(n);
        }
        if !names.is_empty() {
            return Some(names);
        }
    }
    None
}

/// Names from the first short text node that reads as a byline.
/// Far from the headline (`qualified_only`), a bare "by X" is too often a credit or a
/// sentence; only "Posted by", "Eingestellt von", "Autor:" lines count there.
/// `headlines` (comparison keys) are skipped: "Von Sprachregeln, Gender und Deutsch" as a
/// headline is no byline.
fn by_text(texts: &[String], qualified_only: bool, headlines: &[String]) -> Option<Vec<String>> {
    for (i, t) in texts.iter().enumerate() {
        let n = t.chars().count();
        if n > 100 || crate::text::word_count(t) > 14 {
            continue;
        }
        if !headlines.is_empty() && headlines.contains(&key(t)) {
            continue;
        }
        let Some(c) = vocab::BY_TEXT.captures(t) else {
            continue;
        };
        // Everything before the name: "Foto: Max by", "Photo by" make it a credit.
        let name_start = ["name", "name2", "name3"]
            .iter()
            .find_map(|g| c.name(g))
            .map_or(t.len(), |m| m.start());
        if vocab::BY_TEXT_NOT.is_match(&t[..name_start]) {
            continue;
        }
        let mut rest = c
            .name("name")
            .or_else(|| c.name("name2"))
            .or_else(|| c.name("name3"))
            .map_or("", |m| m.as_str())
            .trim()
            .to_owned();
        if rest.is_empty() {
            // "Posted by" + <a>name</a>: the name is the next node, and further names joined
            // by "und"/"and"/"," nodes ("Von <a>A</a> und <a>B</a>").
            match texts.get(i + 1) {
                Some(next) if next.chars().count() <= 60 => rest = next.clone(),
                _ => continue,
            }
            let mut j = i + 2;
            while let (Some(joint), Some(name)) = (texts.get(j), texts.get(j + 1)) {
                let joint_key = key(joint);
                let is_joint = joint.trim() == ","
                    || joint.trim() == "&"
                    || matches!(joint_key.as_str(), "und" | "and" | "et" | "y" | "e");
                if !is_joint
                    || name.chars().count() > 60
                    || rest.len() > 200
                    || clean_names(name, Trust::Text).len() != 1
                {
                    break;
                }
                let sep = if joint.trim() == "," { ", " } else { " und " };
                rest.push_str(sep);
                rest.push_str(name);
                j += 2;
            }
        }
        // A trailing " am 5. Mai" / " on May 5" / " @ 00:11" is a date, not a name.
        let rest = rest
            .split([' '])
            .take_while(|w| {
                !matches!(
                    w.to_lowercase().as_str(),
                    "am" | "on" | "at" | "le" | "el" | "um" | "@" | "in" | "im" | "für" | "for"
                )
            })
            .collect::<Vec<_>>()
            .join(" ");
        let qualified = c.name("q").is_some()
            || c.name("q2").is_some()
            || c.name("q3").is_some()
            || c.name("colon").is_some();
        if qualified_only && !qualified {
            continue;
        }
        let trust = if qualified {
            Trust::Element
        } else {
            Trust::Text
        };
        let names = clean_names(&rest, trust);
        if !names.is_empty() && names.len() <= 4 {
            return Some(names);
        }
    }
    None
}

fn meta_source(k: &str) -> &'static str {
    match k {
        "author" => "meta:author",
        "article:author" => "meta:article:author",
        "dc.creator" => "meta:dc.creator",
        "dcterms.creator" => "meta:dcterms.creator",
        "parsely-author" => "meta:parsely-author",
        "sailthru.author" => "meta:sailthru.author",
        "byl" => "meta:byl",
        _ => "meta",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Vec<String> {
        clean_names(s, Trust::Text)
    }

    #[test]
    fn cleans_bylines() {
        assert_eq!(
            text("By Jane Roe and Bob Smith"),
            vec!["Jane Roe", "Bob Smith"]
        );
        assert_eq!(text("BY JANE ROE"), vec!["JANE ROE"]);
        assert_eq!(
            text("Von Max Muster und Erika Beispiel"),
            vec!["Max Muster", "Erika Beispiel"]
        );
        assert_eq!(text("By Jane Roe, Staff Writer"), vec!["Jane Roe"]);
        assert_eq!(text("Jane Roe | March 5, 2024"), vec!["Jane Roe"]);
        assert_eq!(text("By Jane Roe Updated 10:30 AM EST"), vec!["Jane Roe"]);
        assert_eq!(
            text("Jane Roe jane.roe@example.org Email the author"),
            vec!["Jane Roe"]
        );
        assert_eq!(
            text("Par Jean Dupont, publié le 5 mars 2024"),
            vec!["Jean Dupont"]
        );
        assert_eq!(text("Ludwig van Beethoven"), vec!["Ludwig van Beethoven"]);
        assert!(text("Read more stories from this author").is_empty());
        assert!(text("See all posts").is_empty());
        assert!(text("Share on Facebook").is_empty());
        assert!(text("The mayor said the bridge is closed").is_empty());
        assert!(text("Staff").is_empty());
        assert_eq!(text("Über Creeny"), vec!["Creeny"]);
        // Lower-casing "İ" grows it by a byte: no slicing on the lower-cased copy.
        let _ = text("İİİİ by X");
        let _ = text("BYİ Jane");
    }

    #[test]
    fn cleans_roles_tails_glue_and_asides() {
        assert_eq!(text("Ida Beispiel Chefredakteurin"), vec!["Ida Beispiel"]);
        assert_eq!(text("Ida Beispiel, Pressesprecherin"), vec!["Ida Beispiel"]);
        // A pen name that ends in a role word stays whole.
        assert_eq!(text("Rasender Reporter"), vec!["Rasender Reporter"]);
        assert_eq!(text("Ida Beispiel Alle Artikel"), vec!["Ida Beispiel"]);
        assert_eq!(
            text("Ida Beispiel Zeige alle Beiträge"),
            vec!["Ida Beispiel"]
        );
        assert_eq!(text("AutorIda Beispiel"), vec!["Ida Beispiel"]);
        assert_eq!(text("Ida BeispielFollow Beraterin"), vec!["Ida Beispiel"]);
        assert_eq!(
            text("Ole Muster (Pressesprecher des Vereins)"),
            vec!["Ole Muster"]
        );
        assert_eq!(
            text("Ole Muster; Projektleiterin der Stiftung"),
            vec!["Ole Muster"]
        );
        assert_eq!(
            text("Ole Muster Illustration von Ida Beispiel"),
            vec!["Ole Muster"]
        );
        // "Redaktion 1. November" is no "Redakti" + "on 1".
        assert!(text("Redaktion 1. November 2023 10:29").is_empty());
        assert!(text("Zeige alle Beiträge").is_empty());
        assert!(text("Mein Motto: Fazit").is_empty());
        assert_eq!(
            clean_names("Redacci&oacute;n Diario Ejemplo", Trust::Structured),
            vec!["Redacción Diario Ejemplo"]
        );
    }

    #[test]
    fn labelled_fields_and_published_lines_in_bylines() {
        assert_eq!(
            byline_name_part("Datum: 19.11.2021 Autor: Ida Muster Quelle: Livenet"),
            "Ida Muster"
        );
        assert_eq!(
            byline_name_part("Veröffentlicht am 8. Februar 2022 von Tier-Team"),
            "Tier-Team"
        );
        assert_eq!(byline_name_part("Ida Muster"), "Ida Muster");
        assert!(text("Zur Person").is_empty());
        assert_eq!(
            text("Jacobo Ejemplo | Publicado hace 3 horas"),
            vec!["Jacobo Ejemplo"]
        );
        assert_eq!(
            text(
                "Ana Ruiz , Rocío Muster y José Miguel Ejemplo Hace 13 horas Tiempo de lectura: 8 minutos"
            ),
            vec!["Ana Ruiz", "Rocío Muster", "José Miguel Ejemplo"]
        );
        assert!(clean_names("No Author", Trust::Structured).is_empty());
    }

    #[test]
    fn completes_first_names_and_handles() {
        assert!(completes("Nils", "Nils Beispiel"));
        assert!(!completes("Nils", "Ole Nilsson"));
        assert!(completes("gabor_munier", "Gàbor Muniér"));
        assert!(completes("arianmuster", "Arian Muster"));
        assert!(completes("christian.muster", "Christian P. Muster"));
        assert!(looks_like_handle("CC7567"));
        assert!(!looks_like_handle("Nils"));
        assert!(!looks_like_handle("dpa"));
        assert!(!completes("christian.muster", "Christian Beispiel"));
        assert_eq!(
            strip_site_affix("Adam Roe PhillyExample", &[key("PhillyExample")]),
            "Adam Roe"
        );
        assert_eq!(
            strip_site_affix("unocero - Alberto Ávila", &[key("unocero")]),
            "Alberto Ávila"
        );
        assert_eq!(
            strip_site_affix("Ana Lindqvist", &[key("Lindqvist")]),
            "Ana Lindqvist"
        );
        assert_eq!(
            strip_site_affix("Redacción Diario Ejemplo", &[key("Diario Ejemplo")]),
            "Redacción Diario Ejemplo"
        );
    }

    #[test]
    fn date_lines_name_their_author() {
        let t = |v: &[&str]| date_line_names(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(
            t(&["11.12.2019 - Amelie Beispiel"]),
            Some(vec!["Amelie Beispiel".into()])
        );
        assert_eq!(
            t(&["04.02.2022 | 13:10 Uhr | Uta Muster"]),
            Some(vec!["Uta Muster".into()])
        );
        // A place or a single word is no author.
        assert_eq!(t(&["04.02.2022 | Berlin"]), None);
        assert_eq!(t(&["Am 04.02.2022 sprach der Minister in Bonn"]), None);
    }

    #[test]
    fn structured_names_are_trusted_but_cleaned() {
        assert_eq!(clean_names("dpa", Trust::Structured), vec!["dpa"]);
        assert_eq!(
            clean_names("By Ada Quill, Senior Reporter", Trust::Structured),
            vec!["Ada Quill"]
        );
        assert!(clean_names("admin", Trust::Structured).is_empty());
    }
}
