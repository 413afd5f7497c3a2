//! Stage 4 (read) and stage 7 (complete): the article's facts.
//!
//! [`read`] walks the document once ([`scan`]) and reconciles the sources for each field:
//! JSON-LD ([`jsonld`]), metas, `h1`/`<title>` ([`title`]), bylines ([`authors`]), dates
//! ([`dating`], parsed by [`dates`]), site ([`site`]), language ([`language`]). [`complete`]
//! adds what needs the body: detected language, the lead image's caption ([`image`]),
//! credits ([`credits`]) and the syndication source. Every field records its source.

pub(crate) mod authors;
pub(crate) mod clean;
pub(crate) mod credits;
pub mod dates;
pub(crate) mod dating;
pub(crate) mod image;
pub(crate) mod jsonld;
pub(crate) mod language;
pub(crate) mod scan;
pub(crate) mod site;
pub(crate) mod title;

#[cfg(test)]
mod tests;

use std::collections::VecDeque;

use newsdesk_dom::{Document, Edge, NodeId, Tag};
use newsdesk_model::{Article, Block};

use crate::Page;
use crate::text::fold_ws;
use crate::vocab::meta as vocab;

use clean::{display, key, resolve};

/// What stage 4 learned from the markup, handed to the body stage and then to stage 7.
#[derive(Clone, Debug, Default)]
pub(crate) struct Metadata {
    /// The headline (read by the body stage to drop its repetition).
    pub title: Option<String>,
    /// JSON-LD `articleBody`, whitespace-folded (read by the body stage as a hint).
    pub article_body: Option<String>,
    pub title_source: Option<&'static str>,
    pub authors: Vec<String>,
    pub authors_source: Option<&'static str>,
    pub published: Option<(String, String)>,
    pub modified: Option<(String, String)>,
    pub site_name: Option<(String, String)>,
    /// From markup only; stage 7 detects it from the body otherwise.
    pub language: Option<(String, String)>,
    pub description: Option<(String, String)>,
    pub canonical_url: Option<(String, String)>,
    pub section: Option<(String, String)>,
    pub tags: Vec<String>,
    pub tags_source: Option<String>,
    /// Lead image from markup: (absolute URL, alt, source).
    pub image: Option<(String, Option<String>, String)>,
    /// Syndication evidence from markup: (outlet, source).
    pub syndication: Option<(String, String)>,
}

fn first_meta(scan: &scan::Scan, keys: &[&str]) -> Option<(String, String)> {
    for k in keys {
        for v in scan.metas_named(k) {
            let d = display(v);
            if !d.is_empty() {
                return Some((d, format!("meta:{k}")));
            }
        }
    }
    None
}

/// A meta title cut short by a quote in its own attribute (`content="Senator calls rival
/// "unfit""` parses as "Senator calls rival"): the `<title>` it begins, when that goes on with
/// a quote mark, is the whole text.
fn repair_quoted(meta: String, title: Option<&str>) -> String {
    match title {
        Some(full)
            if full.len() > meta.len()
                && full.starts_with(meta.as_str())
                && full[meta.len()..].trim_start().starts_with(['"', '\'']) =>
        {
            full.to_owned()
        }
        _ => meta,
    }
}

/// Short texts of the body around the headline: a few before the first `h1` (kickers and
/// datelines sit there), then everything after it up to the text budget.
fn lead_texts(
    doc: &Document,
    body: Option<NodeId>,
    h1: Option<NodeId>,
    window: usize,
) -> Vec<String> {
    let Some(body) = body else {
        return Vec::new();
    };
    let mut before: VecDeque<String> = VecDeque::new();
    let mut out = Vec::new();
    let mut seen_h1 = h1.is_none();
    let mut budget = window;
    let mut nodes = 0;
    let mut it = doc.traverse(body);
    while let Some(e) = it.next() {
        let Edge::Open(n) = e else { continue };
        if Some(n) == h1 {
            seen_h1 = true;
            out.extend(before.drain(..));
        }
        if matches!(
            doc.tag(n),
            Some(Tag::Script | Tag::Style | Tag::Noscript | Tag::Template | Tag::Svg | Tag::Nav)
        ) {
            it.skip_children();
            continue;
        }
        let Some(t) = doc.text(n) else { continue };
        let t = fold_ws(scan::cap(t, 2000));
        if t.is_empty() {
            continue;
        }
        nodes += 1;
        if nodes > vocab::MAX_TEXT_DATE_NODES * (window / vocab::TEXT_DATE_WINDOW).max(1) {
            break;
        }
        if seen_h1 {
            budget = budget.saturating_sub(t.len());
            out.push(t);
            if budget == 0 {
                break;
            }
        } else {
            before.push_back(t);
            if before.len() > 8 {
                before.pop_front();
            }
        }
    }
    if !seen_h1 {
        out.extend(before);
    }
    out
}

fn authors_element_text(doc: &Document, n: NodeId) -> String {
    authors::element_text(doc, n, vocab::MAX_TITLE_CHARS)
}

pub(crate) fn read(page: &Page) -> Metadata {
    let doc = page.doc;
    let scan = scan::scan(doc);
    let page_url = page.url.map(|u| u.as_str()).unwrap_or("");
    let canonical = scan
        .canonical
        .and_then(|c| resolve(page.url, c))
        .map(|c| (c, "link:canonical".to_owned()))
        .or_else(|| {
            scan.meta(&["og:url"])
                .and_then(|(_, v)| resolve(page.url, v))
                .map(|c| (c, "meta:og:url".to_owned()))
        });
    let canonical_str = canonical.as_ref().map_or("", |(c, _)| c.as_str());
    let ld = jsonld::read(&scan.jsonld, &[page_url, canonical_str]);

    // Site name, and the keys titles and authors are compared with.
    let site_name = first_meta(&scan, &["og:site_name"])
        .or_else(|| ld.publisher.clone().map(|p| (p, "json-ld".to_owned())))
        .or_else(|| first_meta(&scan, &vocab::SITE_NAME_METAS[1..]))
        .or_else(|| {
            page.url
                .and_then(site::bare_host)
                .map(|h| (h, "url".to_owned()))
        });
    let mut sites: Vec<String> = Vec::new();
    for s in [
        site_name
            .as_ref()
            .filter(|(_, src)| src != "url")
            .map(|(s, _)| s.clone()),
        ld.publisher.clone(),
        first_meta(&scan, &["application-name"]).map(|(s, _)| s),
        scan.meta(&["twitter:site"])
            .map(|(_, v)| v.trim_start_matches('@').to_owned()),
    ]
    .into_iter()
    .flatten()
    {
        let k = key(&s);
        if !k.is_empty() && !sites.contains(&k) {
            sites.push(k);
        }
    }
    // Host names also name the site in titles ("Headline - example.com").
    let named_sites = sites.clone();
    let hosts: Vec<String> = [
        page.url.and_then(site::host_label),
        page.url.and_then(site::bare_host),
    ]
    .into_iter()
    .flatten()
    .map(|h| key(&h))
    .collect();
    for s in [
        page.url.and_then(site::host_label),
        page.url.and_then(site::bare_host),
    ]
    .into_iter()
    .flatten()
    {
        let k = key(&s);
        if !k.is_empty() && !sites.contains(&k) {
            sites.push(k);
        }
    }

    // Title.
    // Per name, the distinct values (`property=` ones first): a page may write `og:title` as
    // `name=` with the headline and as `property=` with an SEO title.
    let mut meta_titles: Vec<(String, &'static str)> = Vec::new();
    for k in vocab::TITLE_METAS {
        let mut n = 0;
        for t in scan.metas_named_property_first(k).map(display) {
            let t = repair_quoted(t, scan.title.as_deref());
            if n < 2 && !t.is_empty() && !meta_titles.iter().any(|(o, _)| *o == t) {
                meta_titles.push((t, title_source(k)));
                n += 1;
            }
        }
    }
    let mut candidates = Vec::new();
    if let Some(h) = &ld.headline {
        candidates.push(title::Candidate {
            text: h,
            source: "json-ld",
        });
    }
    for (t, src) in &meta_titles {
        candidates.push(title::Candidate {
            text: t,
            source: src,
        });
    }
    if ld.headline.is_none()
        && ld.has_article
        && let Some(n) = &ld.name
    {
        candidates.push(title::Candidate {
            text: n,
            source: "json-ld",
        });
    }
    if let Some(t) = &scan.title {
        candidates.push(title::Candidate {
            text: t,
            source: "title",
        });
    }
    let h1s: Vec<&str> = scan.h1s.iter().map(|(_, t)| t.as_str()).collect();
    let title = title::choose(&candidates, &h1s, &sites);

    // Language from markup.
    let language = scan
        .html_lang
        .and_then(language::normalise)
        .map(|l| (l, "html-lang".to_owned()))
        .or_else(|| {
            vocab::LANGUAGE_METAS.iter().find_map(|k| {
                scan.metas_named(k)
                    .find_map(language::normalise)
                    .map(|l| (l, format!("meta:{k}")))
            })
        })
        .or_else(|| {
            ld.in_language
                .as_deref()
                .and_then(language::normalise)
                .map(|l| (l, "json-ld".to_owned()))
        });
    let day_first = !language
        .as_ref()
        .is_some_and(|(l, _)| l == "en" || l == "en-US");

    // The headline element: the `h1` (else `h2`) that reads as the chosen title, else the
    // first `h1`. A first `h1` can be a hidden SEO copy or the site's name, far from where
    // the page shows its dateline.
    let title_key = title.as_ref().map(|(t, _)| key(t));
    let headline = title_key
        .as_ref()
        .and_then(|k| {
            scan.h1s
                .iter()
                .find(|(_, t)| key(t) == *k)
                .map(|(n, _)| *n)
                .or_else(|| {
                    scan.h2s
                        .iter()
                        .copied()
                        .find(|&n| key(&authors_element_text(doc, n)) == *k)
                })
        })
        .or_else(|| scan.h1s.first().map(|(n, _)| *n));
    let lead = lead_texts(doc, scan.body, headline, vocab::TEXT_DATE_WINDOW);
    // The page's text from the top, built only when a fallback needs it.
    let wide_cell = std::cell::OnceCell::new();
    let wide = || -> &[String] {
        wide_cell.get_or_init(|| lead_texts(doc, scan.body, None, vocab::WIDE_TEXT_DATE_WINDOW))
    };

    // Authors.
    let authors = authors::choose(
        doc,
        &scan,
        &authors::AuthorInputs {
            jsonld: &ld.authors,
            sites: &named_sites,
            hosts: &hosts,
            lead_texts: &lead,
            wide_texts: &wide,
        },
    );

    // Dates.
    let reference = page
        .options
        .reference_date
        .as_deref()
        .and_then(dates::parse_reference)
        .unwrap_or_else(dates::today_utc);
    let found = dating::choose(
        doc,
        &scan,
        &dating::DateInputs {
            jsonld_published: ld.published.as_deref(),
            jsonld_modified: ld.modified.as_deref(),
            page_published: ld.page_published.as_deref(),
            page_modified: ld.page_modified.as_deref(),
            url: page.url.map(|u| u.as_str()),
            lead_texts: &lead,
            reference,
            day_first,
            language: language.as_ref().map(|(l, _)| l.as_str()),
            headline,
        },
    );

    let mut found = found;
    if found.published.is_none() {
        // Nothing near the headline: the first date anywhere in the page text.
        if let Some(d) = dating::first_text_date(wide(), day_first, reference, found.url_month) {
            found.published = Some((d, "text".to_owned()));
            if let Some((m, _)) = &found.modified
                && m.day_key() < d.day_key()
            {
                found.modified = None;
            }
        }
    }

    // Description, section, tags.
    let description = first_meta(&scan, vocab::DESCRIPTION_METAS)
        .or_else(|| ld.description.clone().map(|d| (d, "json-ld".to_owned())));
    let section = first_meta(&scan, vocab::SECTION_METAS)
        .or_else(|| ld.section.clone().map(|s| (s, "json-ld".to_owned())));
    let mut tags: Vec<String> = Vec::new();
    let mut tags_source = None;
    for k in vocab::TAG_METAS {
        for v in scan.metas_named(k) {
            for t in v.split([',', ';']) {
                if push_tag(&mut tags, t) && tags_source.is_none() {
                    tags_source = Some(format!("meta:{k}"));
                }
            }
        }
    }
    for t in &ld.keywords {
        if push_tag(&mut tags, t) && tags_source.is_none() {
            tags_source = Some("json-ld".to_owned());
        }
    }

    // Lead image from markup.
    let alt = first_meta(&scan, &["og:image:alt", "twitter:image:alt"]).map(|(a, _)| a);
    let image = vocab::IMAGE_METAS
        .iter()
        .find_map(|k| {
            scan.metas_named(k)
                .find_map(|v| resolve(page.url, v))
                .map(|u| (u, format!("meta:{k}")))
        })
        .or_else(|| {
            ld.images
                .iter()
                .find_map(|u| resolve(page.url, u))
                .map(|u| (u, "json-ld".to_owned()))
        })
        .map(|(u, s)| (u, alt, s));

    // Syndication evidence in markup.
    let syndication = ld
        .is_based_on
        .clone()
        .map(|s| (s, "json-ld:isBasedOn".to_owned()))
        .or_else(|| {
            ld.source_organization
                .clone()
                .filter(|s| ld.publisher.as_ref().is_none_or(|p| key(p) != key(s)))
                .map(|s| (s, "json-ld:sourceOrganization".to_owned()))
        })
        .or_else(|| cross_domain_canonical(page.url, canonical_str));

    Metadata {
        title_source: title.as_ref().map(|(_, s)| *s),
        title: title.map(|(t, _)| t),
        article_body: ld.article_body,
        authors_source: authors.as_ref().map(|(_, s)| *s),
        authors: authors.map(|(a, _)| a).unwrap_or_default(),
        published: found.published.map(|(d, s)| (d.to_iso(), s)),
        modified: found.modified.map(|(d, s)| (d.to_iso(), s)),
        site_name,
        language,
        description,
        canonical_url: canonical,
        section,
        tags,
        tags_source,
        image,
        syndication,
    }
}

/// A canonical URL on another site names the outlet the story comes from.
fn cross_domain_canonical(page: Option<&url::Url>, canonical: &str) -> Option<(String, String)> {
    let page = page?;
    let canon = url::Url::parse(canonical).ok()?;
    let (a, b) = (site::host_label(page)?, site::host_label(&canon)?);
    (a != b).then(|| {
        (
            site::bare_host(&canon).unwrap_or(b),
            "canonical-url".to_owned(),
        )
    })
}

fn push_tag(tags: &mut Vec<String>, raw: &str) -> bool {
    let t = display(raw);
    let t = t.trim_matches(|c: char| c == '#' || c.is_whitespace());
    if t.is_empty() || t.chars().count() > 60 || tags.len() >= vocab::MAX_TAGS {
        return false;
    }
    let k = key(t);
    if k.is_empty() || tags.iter().any(|x| key(x) == k) {
        return false;
    }
    tags.push(t.to_owned());
    true
}

fn title_source(k: &str) -> &'static str {
    match k {
        "og:title" => "meta:og:title",
        "twitter:title" => "meta:twitter:title",
        "dc.title" => "meta:dc.title",
        "dcterms.title" => "meta:dcterms.title",
        "parsely-title" => "meta:parsely-title",
        "sailthru.title" => "meta:sailthru.title",
        "headline" => "meta:headline",
        _ => "meta:title",
    }
}

/// Text of the body's paragraphs, for language detection.
fn body_text(blocks: &[Block], max: usize) -> String {
    let mut out = String::new();
    for b in blocks {
        let t = match b {
            Block::Paragraph { text } | Block::Quote { text } | Block::Heading { text, .. } => text,
            Block::List { items, .. } => {
                for i in items {
                    out.push_str(i);
                    out.push(' ');
                }
                continue;
            }
            _ => continue,
        };
        out.push_str(t);
        out.push(' ');
        if out.len() > max {
            break;
        }
    }
    out
}

pub(crate) fn complete(article: &mut Article, meta: Metadata, page: &Page) {
    let mut set = |field: &str, source: &str| {
        article.sources.insert(field.to_owned(), source.to_owned());
    };
    if let Some(s) = meta.title_source {
        set("title", s);
    }
    if let Some(s) = meta.authors_source {
        set("authors", s);
    }
    for (field, v) in [
        ("site_name", &meta.site_name),
        ("description", &meta.description),
        ("canonical_url", &meta.canonical_url),
        ("section", &meta.section),
    ] {
        if let Some((_, s)) = v {
            set(field, s);
        }
    }
    if let Some(s) = &meta.tags_source {
        set("tags", s);
    }
    article.title = meta.title;
    article.authors = meta.authors;
    if let Some((d, s)) = meta.published {
        article.published = Some(d);
        article.published_source = Some(s);
    }
    if let Some((d, s)) = meta.modified {
        article.modified = Some(d);
        article.modified_source = Some(s);
    }
    article.site_name = meta.site_name.map(|(v, _)| v);
    article.description = meta.description.map(|(v, _)| v);
    article.canonical_url = meta.canonical_url.map(|(v, _)| v);
    article.section = meta.section.map(|(v, _)| v);
    article.tags = meta.tags;

    // Language: markup, else detected from the body text.
    match meta.language {
        Some((l, s)) => {
            article.language = Some(l);
            article.sources.insert("language".into(), s);
        }
        None => {
            let mut text = body_text(&article.blocks, vocab::LANG_DETECT_MAX_CHARS);
            if text.len() < vocab::LANG_DETECT_MIN_CHARS
                && let Some(b) = &meta.article_body
            {
                text = b.clone();
            }
            if let Some(l) = language::detect(&text) {
                article.language = Some(l);
                article.sources.insert("language".into(), "detected".into());
            }
        }
    }

    // Lead image with the caption of the matching body figure.
    let markup_image = meta.image.as_ref().map(|(u, a, _)| (u.clone(), a.clone()));
    if let Some((img, kind)) = image::lead_image(markup_image, &article.blocks) {
        let src = match (kind, &meta.image) {
            ("meta", Some((_, _, s))) => s.clone(),
            _ => "body-figure".to_owned(),
        };
        let img = newsdesk_model::Image {
            url: resolve(page.url, &img.url).unwrap_or(img.url),
            ..img
        };
        article.image = Some(img);
        article.sources.insert("image".into(), src);
    }

    // Credits from the body's credit blocks.
    for b in &article.blocks {
        if let Block::Credit { text } = b {
            article.credits.push(credits::parse_credit(text));
        }
    }
    if !article.credits.is_empty() {
        article.sources.insert("credits".into(), "body".into());
    }

    // Syndication: markup evidence, credit lines, a wire dateline, a wire-service author.
    let syndication = meta
        .syndication
        .filter(|(_, s)| s != "canonical-url")
        .or_else(|| {
            article.credits.iter().find_map(|c| {
                let originally = vocab::ORIGINALLY_PUBLISHED.is_match(&c.text);
                let wire_only = c.names.is_empty() && !c.organisations.is_empty();
                (originally || wire_only)
                    .then(|| c.organisations.first().cloned())
                    .flatten()
                    .map(|o| (o, "credit".to_owned()))
            })
        })
        .or_else(|| {
            let first = article.blocks.iter().find_map(|b| match b {
                Block::Paragraph { text } => Some(text.as_str()),
                _ => None,
            })?;
            let c = vocab::WIRE_DATELINE.captures(first)?;
            let w = credits::wire_services(c.name("wire")?.as_str());
            w.first().map(|w| ((*w).to_owned(), "dateline".to_owned()))
        })
        .or_else(|| {
            if article.authors.len() != 1 {
                return None;
            }
            let a = &article.authors[0];
            let w = credits::wire_services(a);
            (w.len() == 1 && key(a).split(' ').count() <= 3)
                .then(|| (w[0].to_owned(), "authors".to_owned()))
        })
        .or_else(|| {
            cross_domain_canonical(page.url, article.canonical_url.as_deref().unwrap_or(""))
        });
    if let Some((s, src)) = syndication {
        article.syndication_source = Some(s);
        article.sources.insert("syndication_source".into(), src);
    }
}
