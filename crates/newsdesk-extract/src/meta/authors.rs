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
    let s = fold_ws(&s);
    let s = strip_prefixes(s.trim_start_matches(|c: char| !c.is_alphanumeric()));
    let s = vocab::BYLINE_TAIL.replace(s, "");
    let s = vocab::ROLE_SUFFIX.replace(&s, "");
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

fn clean_part(part: &str) -> String {
    let p = strip_prefixes(part.trim());
    let p = vocab::ROLE_SUFFIX.replace(p, "");
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
                if token_starts_with(v, vocab::COMMENT_CONTEXT) {
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
pub(crate) fn choose(
    doc: &Document,
    scan: &Scan,
    inp: &AuthorInputs,
) -> Option<(Vec<String>, &'static str)> {
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
        for v in scan.metas_named(k) {
            if v.contains("://") || v.starts_with('@') && k.starts_with("twitter") {
                continue;
            }
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
        let names = clean_names(&text, Trust::Element);
        if names.len() > 4 {
            continue;
        }
        if let Some(r) = consider(names, "byline") {
            return Some(r);
        }
    }

    // 6. "By X and Y" lines after the headline, then anywhere in the page text.
    for qualified_only in [false, true] {
        let texts = if qualified_only {
            (inp.wide_texts)()
        } else {
            inp.lead_texts
        };
        if let Some(names) = by_text(texts, qualified_only)
            && let Some(r) = consider(names, "text")
        {
            return Some(r);
        }
    }
    site_fallback
}

/// Names from the first short text node that reads as a byline.
/// Far from the headline (`qualified_only`), a bare "by X" is too often a credit or a
/// sentence; only "Posted by", "Eingestellt von", "Autor:" lines count there.
fn by_text(texts: &[String], qualified_only: bool) -> Option<Vec<String>> {
    for (i, t) in texts.iter().enumerate() {
        let n = t.chars().count();
        if n > 100 || crate::text::word_count(t) > 14 {
            continue;
        }
        let Some(c) = vocab::BY_TEXT.captures(t) else {
            continue;
        };
        let head = &t[..c.get(0).map_or(0, |m| m.start())];
        if vocab::BY_TEXT_NOT.is_match(head)
            || vocab::BY_TEXT_NOT.is_match(c.get(0).map_or("", |m| m.as_str()))
        {
            continue;
        }
        let mut rest = c
            .name("name")
            .or_else(|| c.name("name2"))
            .map_or("", |m| m.as_str())
            .trim()
            .to_owned();
        if rest.is_empty() {
            // "Posted by" + <a>name</a>: the name is the next node.
            match texts.get(i + 1) {
                Some(next) if next.chars().count() <= 60 => rest = next.clone(),
                _ => continue,
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
        let qualified = c.name("q").is_some() || c.name("q2").is_some();
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
        assert!(text("Share on Facebook").is_empty());
        assert!(text("The mayor said the bridge is closed").is_empty());
        assert!(text("Staff").is_empty());
        assert_eq!(text("Über Creeny"), vec!["Creeny"]);
        // Lower-casing "İ" grows it by a byte: no slicing on the lower-cased copy.
        let _ = text("İİİİ by X");
        let _ = text("BYİ Jane");
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
