//! JSON-LD (`<script type="application/ld+json">`): the article object's headline, authors,
//! dates, publisher, image, section, keywords, body and provenance. Malformed scripts are
//! repaired where the damage is typical (raw newlines in strings, HTML comments, trailing `;`)
//! and skipped otherwise.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::text::fold_ws;
use crate::vocab::meta as vocab;

use super::clean::decode_entities;

/// Prefix of a "name" that was only a URL (its host follows): provenance, never an author.
const URL_MARK: char = '\u{1}';

#[derive(Clone, Debug, Default)]
pub(crate) struct JsonLd {
    pub headline: Option<String>,
    /// The article's `name` when it has no `headline`.
    pub name: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    /// `datePublished` of a `WebPage` object (lower trust: often the page, not the story).
    pub page_published: Option<String>,
    pub page_modified: Option<String>,
    pub publisher: Option<String>,
    pub images: Vec<String>,
    pub section: Option<String>,
    pub keywords: Vec<String>,
    pub description: Option<String>,
    pub article_body: Option<String>,
    pub in_language: Option<String>,
    pub is_based_on: Option<String>,
    pub source_organization: Option<String>,
    /// True when an object of an article type was found.
    pub has_article: bool,
}

/// Parses the scripts and reads the main article object. `page_urls` (page URL, canonical URL)
/// pick the right object when a page embeds several articles.
pub(crate) fn read(scripts: &[String], page_urls: &[&str]) -> JsonLd {
    let mut values = Vec::new();
    for s in scripts {
        if let Some(v) = parse_lenient(s) {
            values.push(v);
        }
    }
    let mut objects: Vec<(&Map<String, Value>, bool)> = Vec::new();
    for v in &values {
        collect(v, 0, true, &mut objects);
    }
    let mut ids: HashMap<&str, &Map<String, Value>> = HashMap::new();
    for (o, _) in &objects {
        if let Some(Value::String(id)) = o.get("@id") {
            // Keep the richest object for an id (a bare {"@id"} reference has one key).
            let e = ids.entry(id.as_str()).or_insert(o);
            if o.len() > e.len() {
                *e = o;
            }
        }
    }
    let mut out = JsonLd::default();

    let article = objects
        .iter()
        .filter(|(o, top)| *top && has_type(o, vocab::ARTICLE_TYPES))
        .map(|(o, _)| *o)
        .enumerate()
        .max_by_key(|(i, o)| (score_article(o, page_urls), std::cmp::Reverse(*i)))
        .map(|(_, o)| o);
    let page = objects
        .iter()
        .filter(|(o, top)| *top && has_type(o, vocab::PAGE_TYPES))
        .map(|(o, _)| *o)
        .next();

    if let Some(p) = page {
        out.page_published = string_of(p.get("datePublished"))
            .or_else(|| string_of(p.get("uploadDate")))
            .or_else(|| string_of(p.get("dateCreated")));
        out.page_modified = string_of(p.get("dateModified"));
    }
    let Some(a) = article.or(page) else {
        // No article or page: a lone Organization still names the site.
        out.publisher = objects
            .iter()
            .find(|(o, top)| *top && has_type(o, vocab::ORGANISATION_TYPES))
            .and_then(|(o, _)| text_of(o.get("name")));
        return out;
    };
    out.has_article = article.is_some();
    out.headline = text_of(a.get("headline")).or_else(|| text_of(a.get("alternativeHeadline")));
    out.name = text_of(a.get("name"));
    if let Some(v) = a.get("author").or_else(|| a.get("creator")) {
        names_of(v, &ids, 0, &mut out.authors);
    }
    out.published = string_of(a.get("datePublished"))
        .or_else(|| string_of(a.get("dateCreated")))
        .or_else(|| string_of(a.get("uploadDate")));
    out.modified = string_of(a.get("dateModified"));
    let publisher = a.get("publisher").or_else(|| {
        page.and_then(|p| p.get("publisher"))
            .or_else(|| page.and_then(|p| p.get("isPartOf")))
    });
    if let Some(p) = publisher {
        let mut names = Vec::new();
        names_of(p, &ids, 0, &mut names);
        out.publisher = names.into_iter().next();
    }
    if out.publisher.is_none() {
        out.publisher = objects
            .iter()
            .find(|(o, _)| has_type(o, &["newsmediaorganization", "website"]))
            .and_then(|(o, _)| text_of(o.get("name")));
    }
    if let Some(img) = a.get("image").or_else(|| a.get("thumbnailUrl")) {
        urls_of(img, &ids, 0, &mut out.images);
    }
    out.section = match a.get("articleSection") {
        Some(Value::Array(v)) => v.iter().find_map(|x| text_of(Some(x))),
        other => text_of(other),
    };
    match a.get("keywords") {
        Some(Value::Array(v)) => out
            .keywords
            .extend(v.iter().filter_map(|x| text_of(Some(x)))),
        Some(Value::String(s)) => out
            .keywords
            .extend(s.split([',', ';']).map(fold_ws).filter(|k| !k.is_empty())),
        _ => {}
    }
    out.description = text_of(a.get("description"));
    out.article_body = match a.get("articleBody").or_else(|| a.get("text")) {
        Some(Value::String(s)) => {
            let t = fold_ws(&decode_entities(s));
            (!t.is_empty()).then_some(t)
        }
        _ => None,
    };
    out.in_language = match a.get("inLanguage") {
        Some(Value::Object(o)) => {
            text_of(o.get("alternateName")).or_else(|| text_of(o.get("name")))
        }
        other => text_of(other),
    };
    out.is_based_on = a
        .get("isBasedOn")
        .or_else(|| a.get("isBasedOnUrl"))
        .and_then(|v| {
            let mut n = Vec::new();
            names_of(v, &ids, 0, &mut n);
            n.into_iter().next()
        });
    out.source_organization = a.get("sourceOrganization").and_then(|v| {
        let mut n = Vec::new();
        names_of(v, &ids, 0, &mut n);
        n.into_iter().next()
    });
    out.authors.retain(|n| !n.starts_with(URL_MARK));
    for v in [
        &mut out.publisher,
        &mut out.is_based_on,
        &mut out.source_organization,
    ]
    .into_iter()
    .flatten()
    {
        *v = v.trim_start_matches(URL_MARK).to_owned();
    }
    out
}

/// Parses, repairing the usual damage on failure.
fn parse_lenient(s: &str) -> Option<Value> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    if let Ok(v) = serde_json::from_str::<Value>(t) {
        return Some(v);
    }
    let mut r = t
        .trim_start_matches("<!--")
        .trim_start_matches("//<![CDATA[")
        .trim_start_matches("<![CDATA[")
        .trim_end_matches("-->")
        .trim_end_matches("//]]>")
        .trim_end_matches("]]>")
        .trim()
        .trim_end_matches(';')
        .to_owned();
    // Raw control characters inside strings are invalid JSON but common; outside strings they
    // are whitespace anyway.
    r = r
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if let Ok(v) = serde_json::from_str::<Value>(&r) {
        return Some(v);
    }
    // A trailing comma before a closing bracket, or two objects glued together: try the longest
    // valid prefix the streaming deserializer can read.
    let mut it = serde_json::Deserializer::from_str(&r).into_iter::<Value>();
    it.next().and_then(Result::ok)
}

/// Keys whose objects are other works (teasers, comments, citations), never the page's article.
const FOREIGN_KEYS: &[&str] = &[
    "itemListElement",
    "hasPart",
    "relatedLink",
    "isPartOf",
    "subjectOf",
    "review",
    "citation",
    "comment",
    "author",
    "creator",
    "publisher",
    "about",
    "mentions",
    "video",
    "associatedMedia",
    "image",
    "breadcrumb",
    "potentialAction",
    "isBasedOn",
    "sourceOrganization",
];

/// Collects every object (depth-limited); `top` is false below a foreign key.
fn collect<'v>(
    v: &'v Value,
    depth: usize,
    top: bool,
    out: &mut Vec<(&'v Map<String, Value>, bool)>,
) {
    if depth > vocab::MAX_JSONLD_DEPTH || out.len() > 2000 {
        return;
    }
    match v {
        Value::Array(items) => {
            for i in items {
                collect(i, depth + 1, top, out);
            }
        }
        Value::Object(o) => {
            out.push((o, top));
            for (k, child) in o {
                if matches!(child, Value::Array(_) | Value::Object(_)) {
                    let child_top = top && !FOREIGN_KEYS.contains(&k.as_str());
                    collect(child, depth + 1, child_top, out);
                }
            }
        }
        _ => {}
    }
}

fn type_matches(t: &str, types: &[&str]) -> bool {
    let t = t.rsplit(['/', ':']).next().unwrap_or(t);
    types.iter().any(|x| t.eq_ignore_ascii_case(x))
}

pub(crate) fn has_type(o: &Map<String, Value>, types: &[&str]) -> bool {
    match o.get("@type") {
        Some(Value::String(t)) => type_matches(t, types),
        Some(Value::Array(ts)) => ts
            .iter()
            .any(|t| t.as_str().is_some_and(|t| type_matches(t, types))),
        _ => false,
    }
}

fn norm_url(u: &str) -> &str {
    let u = u.trim();
    let u = u.split_once("://").map_or(u, |(_, r)| r);
    let u = u.strip_prefix("www.").unwrap_or(u);
    let u = u.split(['?', '#']).next().unwrap_or(u);
    u.trim_end_matches('/')
}

fn score_article(o: &Map<String, Value>, page_urls: &[&str]) -> u32 {
    let mut score = 0;
    let mut urls = Vec::new();
    for k in ["url", "@id", "mainEntityOfPage"] {
        match o.get(k) {
            Some(Value::String(s)) => urls.push(s.as_str()),
            Some(Value::Object(m)) => {
                if let Some(Value::String(s)) = m.get("@id").or_else(|| m.get("url")) {
                    urls.push(s.as_str());
                }
            }
            _ => {}
        }
    }
    if urls.iter().any(|u| {
        page_urls
            .iter()
            .any(|p| !p.is_empty() && norm_url(u) == norm_url(p))
    }) {
        score += 4;
    }
    if o.contains_key("headline") {
        score += 2;
    }
    if o.contains_key("datePublished") {
        score += 1;
    }
    if o.contains_key("author") {
        score += 1;
    }
    score
}

fn string_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => {
            let t = fold_ws(crate::meta::scan::cap(s, vocab::MAX_META_LEN));
            (!t.is_empty()).then_some(t)
        }
        Value::Number(n) => Some(n.to_string()),
        Value::Array(a) => a.iter().find_map(|x| string_of(Some(x))),
        _ => None,
    }
}

/// A display string: entities decoded, whitespace folded, length capped.
fn text_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => {
            let t = fold_ws(&decode_entities(crate::meta::scan::cap(
                s,
                vocab::MAX_META_LEN,
            )));
            (!t.is_empty()).then_some(t)
        }
        Value::Array(a) => a.iter().find_map(|x| text_of(Some(x))),
        _ => None,
    }
}

/// Names of persons/organisations in an `author`/`publisher` value: strings, objects (with
/// `name` or `givenName`/`familyName`), arrays, `@id` references.
fn names_of(
    v: &Value,
    ids: &HashMap<&str, &Map<String, Value>>,
    depth: usize,
    out: &mut Vec<String>,
) {
    if depth > 4 || out.len() >= vocab::MAX_AUTHORS * 2 {
        return;
    }
    match v {
        Value::String(s) => {
            if let Some(t) = text_of(Some(v)) {
                if s.contains("://") {
                    // A URL names nobody; keep it only as provenance for `isBasedOn`.
                    if let Some(host) = url::Url::parse(s.trim()).ok().and_then(|u| {
                        u.host_str()
                            .map(|h| h.trim_start_matches("www.").to_owned())
                    }) {
                        out.push(format!("{URL_MARK}{host}"));
                    }
                } else {
                    out.push(t);
                }
            }
        }
        Value::Array(a) => {
            for x in a {
                names_of(x, ids, depth + 1, out);
            }
        }
        Value::Object(o) => {
            let name = text_of(o.get("name")).or_else(|| {
                let g = text_of(o.get("givenName"));
                let f = text_of(o.get("familyName"));
                match (g, f) {
                    (Some(g), Some(f)) => Some(format!("{g} {f}")),
                    (g, f) => g.or(f),
                }
            });
            match name {
                Some(n) => out.push(n),
                None => {
                    if let Some(Value::String(id)) = o.get("@id")
                        && let Some(target) = ids.get(id.as_str())
                        && !std::ptr::eq(*target, o)
                        && target.len() > 1
                    {
                        names_of(&Value::Object((*target).clone()), ids, depth + 1, out);
                    } else if let Some(u) = o.get("url") {
                        names_of(u, ids, depth + 1, out);
                    }
                }
            }
        }
        _ => {}
    }
}

fn urls_of(
    v: &Value,
    ids: &HashMap<&str, &Map<String, Value>>,
    depth: usize,
    out: &mut Vec<String>,
) {
    if depth > 4 || out.len() >= 4 {
        return;
    }
    match v {
        Value::String(s) => {
            let t = s.trim();
            if !t.is_empty() && t.len() < 2048 {
                out.push(t.to_owned());
            }
        }
        Value::Array(a) => {
            for x in a {
                urls_of(x, ids, depth + 1, out);
            }
        }
        Value::Object(o) => {
            if let Some(u) = o.get("url").or_else(|| o.get("contentUrl")) {
                urls_of(u, ids, depth + 1, out);
            } else if let Some(Value::String(id)) = o.get("@id")
                && let Some(target) = ids.get(id.as_str())
                && !std::ptr::eq(*target, o)
                && let Some(u) = target.get("url").or_else(|| target.get("contentUrl"))
            {
                urls_of(u, ids, depth + 1, out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read1(s: &str) -> JsonLd {
        read(&[s.to_owned()], &["https://example.org/story"])
    }

    #[test]
    fn graph_with_references() {
        let j = read1(
            r##"{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","@id":"#site","name":"Example Daily"},
              {"@type":"Person","@id":"#p1","name":"Ada Quill"},
              {"@type":"NewsArticle","headline":"Bridges &amp; tunnels","author":[{"@id":"#p1"},{"@type":"Person","givenName":"Bo","familyName":"Reed"}],
               "datePublished":"2024-03-05T10:00:00+01:00","dateModified":"2024-03-06","publisher":{"@id":"#org"},
               "image":{"@type":"ImageObject","url":"/img/a.jpg"},"keywords":"roads, bridges","articleSection":["City"],
               "articleBody":"Line one.\n\n  Line two."},
              {"@type":"Organization","@id":"#org","name":"Example Media"}]}"##,
        );
        assert_eq!(j.headline.as_deref(), Some("Bridges & tunnels"));
        assert_eq!(j.authors, vec!["Ada Quill", "Bo Reed"]);
        assert_eq!(j.published.as_deref(), Some("2024-03-05T10:00:00+01:00"));
        assert_eq!(j.modified.as_deref(), Some("2024-03-06"));
        assert_eq!(j.publisher.as_deref(), Some("Example Media"));
        assert_eq!(j.images, vec!["/img/a.jpg"]);
        assert_eq!(j.keywords, vec!["roads", "bridges"]);
        assert_eq!(j.section.as_deref(), Some("City"));
        assert_eq!(j.article_body.as_deref(), Some("Line one. Line two."));
    }

    #[test]
    fn picks_the_page_article_over_teasers() {
        let j = read1(
            r#"[{"@type":"ItemList","itemListElement":[{"@type":"NewsArticle","headline":"Teaser","url":"https://example.org/other"}]},
                {"@type":["NewsArticle"],"headline":"Main","url":"https://www.example.org/story/","author":"Cy Dale"}]"#,
        );
        assert_eq!(j.headline.as_deref(), Some("Main"));
        assert_eq!(j.authors, vec!["Cy Dale"]);
    }

    #[test]
    fn malformed_scripts() {
        let j = read1("{\"@type\":\"Article\",\"headline\":\"Raw\nnewline\"};");
        assert_eq!(j.headline.as_deref(), Some("Raw newline"));
        let j = read1("<!-- {\"@type\":\"Article\",\"headline\":\"In comment\"} -->");
        assert_eq!(j.headline.as_deref(), Some("In comment"));
        let j = read1("{\"@type\":\"Article\",\"headline\":");
        assert!(j.headline.is_none());
        let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
        let _ = read1(&deep);
        let _ = read1("null");
        let _ = read1("\"just a string\"");
    }
}
