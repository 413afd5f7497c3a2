//! Publication and modification dates: candidates from JSON-LD, metas, `itemprop`, `<time>`,
//! date-marked elements, the URL and the text after the headline, in that order of trust.
//! A candidate must be a real day, not after the reference date and not before the web era
//! (for heuristic sources); a modification is never reported as the publication.

use newsdesk_dom::{Document, NodeId};

use crate::vocab::meta as vocab;

use super::authors::element_text;
use super::dates::{Date, find_all_in_text, parse_date, parse_date_with};
use super::scan::{Scan, cap, contains_ignore_case};

pub(crate) struct DateInputs<'a> {
    pub jsonld_published: Option<&'a str>,
    pub jsonld_modified: Option<&'a str>,
    pub page_published: Option<&'a str>,
    pub page_modified: Option<&'a str>,
    pub url: Option<&'a str>,
    /// Texts after the headline (in order), for the text fallback.
    pub lead_texts: &'a [String],
    /// Reference day: later dates are impossible.
    pub reference: (i32, u8, u8),
    /// Ambiguous slashed dates are day-first (non-US pages).
    pub day_first: bool,
}

#[derive(Default)]
pub(crate) struct Dates {
    pub published: Option<(Date, String)>,
    pub modified: Option<(Date, String)>,
}

fn plausible(d: &Date, reference: (i32, u8, u8), min_year: i32) -> bool {
    match d.day_key() {
        Some(k) => k <= reference && d.year >= min_year,
        None => false,
    }
}

/// Which way a date-bearing element leans, from its class/id/itemprop.
#[derive(PartialEq, Eq, Clone, Copy)]
enum Lean {
    Published,
    Modified,
    Neutral,
    Foreign,
}

fn lean(doc: &Document, n: NodeId) -> Lean {
    let mut lean = Lean::Neutral;
    for attr in ["itemprop", "class", "id", "name"] {
        if let Some(v) = doc.attr(n, attr) {
            let v = cap(v, 200);
            if contains_ignore_case(v, "datepublished")
                || contains_ignore_case(v, "publish")
                || contains_ignore_case(v, "pubdate")
                || contains_ignore_case(v, "posted")
                || contains_ignore_case(v, "created")
            {
                return Lean::Published;
            }
            if vocab::DATE_ANTI_MARKERS
                .iter()
                .any(|m| contains_ignore_case(v, m))
            {
                lean = if contains_ignore_case(v, "modif")
                    || contains_ignore_case(v, "update")
                    || contains_ignore_case(v, "revis")
                    || contains_ignore_case(v, "edited")
                {
                    Lean::Modified
                } else {
                    Lean::Foreign
                };
            }
        }
    }
    if doc.attr(n, "pubdate").is_some() {
        return Lean::Published;
    }
    lean
}

fn in_foreign_context(doc: &Document, n: NodeId) -> bool {
    super::authors::in_bad_context(doc, n)
}

/// A date from an element: its `datetime`/`content`/`title`/`data-*` attribute, else its text.
/// Returns the date and whether the text put a "modified" cue before it.
fn element_date(doc: &Document, n: NodeId, day_first: bool) -> Option<(Date, bool)> {
    for a in [
        "datetime",
        "content",
        "data-datetime",
        "data-date",
        "data-published",
        "title",
    ] {
        if let Some(v) = doc.attr(n, a)
            && let Some(d) = parse_date_with(cap(v, 200), day_first)
            && d.day.is_some()
        {
            return Some((d, false));
        }
    }
    let text = element_text(doc, n, vocab::MAX_DATE_ELEMENT_CHARS);
    if text.is_empty() {
        return None;
    }
    first_dated(&text, day_first, true)
}

/// The first date in `text` that is not cued as a modification; with `allow_modified`, a
/// modification-cued date is returned flagged when nothing else is there.
fn first_dated(text: &str, day_first: bool, allow_modified: bool) -> Option<(Date, bool)> {
    let mut modified = None;
    for (d, range) in find_all_in_text(text, day_first) {
        let before = text.get(..range.start).unwrap_or("");
        let before = tail_chars(before, 40);
        if vocab::MODIFIED_CUE.is_match(before) && !vocab::PUBLISHED_CUE.is_match(before) {
            if modified.is_none() {
                modified = Some((d, true));
            }
            continue;
        }
        return Some((d, false));
    }
    if allow_modified { modified } else { None }
}

fn tail_chars(s: &str, n: usize) -> &str {
    let count = s.chars().count();
    if count <= n {
        return s;
    }
    let skip = count - n;
    let idx = s.char_indices().nth(skip).map_or(0, |(i, _)| i);
    &s[idx..]
}

pub(crate) fn choose(doc: &Document, scan: &Scan, inp: &DateInputs) -> Dates {
    let reference = inp.reference;
    let ok_struct = |d: &Date| plausible(d, reference, vocab::MIN_YEAR_STRUCTURED);
    let ok_heur = |d: &Date| plausible(d, reference, vocab::MIN_YEAR_HEURISTIC);
    let mut out = Dates::default();

    // Modified first: it bounds nothing, but it must never be taken as published.
    let mut modified: Option<(Date, String)> = None;
    if let Some(d) = inp.jsonld_modified.and_then(parse_date).filter(ok_struct) {
        modified = Some((d, "json-ld".into()));
    }
    if modified.is_none() {
        for k in vocab::MODIFIED_METAS {
            if let Some(d) = scan
                .metas_named(k)
                .find_map(|v| parse_date(v).filter(ok_struct))
            {
                modified = Some((d, format!("meta:{k}")));
                break;
            }
        }
    }
    if modified.is_none()
        && let Some(d) = inp.page_modified.and_then(parse_date).filter(ok_struct)
    {
        modified = Some((d, "json-ld:webpage".into()));
    }

    // Published: structured sources.
    let mut published: Option<(Date, String)> = None;
    if let Some(d) = inp.jsonld_published.and_then(parse_date).filter(ok_struct) {
        published = Some((d, "json-ld".into()));
    }
    if published.is_none() {
        for k in vocab::PUBLISHED_METAS {
            if let Some(d) = scan
                .metas_named(k)
                .find_map(|v| parse_date_with(v, inp.day_first).filter(ok_struct))
            {
                published = Some((d, format!("meta:{k}")));
                break;
            }
        }
    }
    if published.is_none() {
        for (ip, n) in &scan.itemprops {
            if ip == "datepublished" || ip == "datecreated" {
                if let Some((d, _)) =
                    element_date(doc, *n, inp.day_first).filter(|(d, _)| ok_struct(d))
                {
                    published = Some((d, "itemprop".into()));
                    break;
                }
            } else if ip == "datemodified"
                && modified.is_none()
                && let Some((d, _)) =
                    element_date(doc, *n, inp.day_first).filter(|(d, _)| ok_struct(d))
            {
                modified = Some((d, "itemprop".into()));
            }
        }
    }
    if published.is_none()
        && let Some(d) = inp.page_published.and_then(parse_date).filter(ok_struct)
    {
        published = Some((d, "json-ld:webpage".into()));
    }

    // <time> elements: marked ones first, then the first unmarked one outside foreign context.
    if published.is_none() {
        let mut first_plain = None;
        for &n in &scan.times {
            let l = lean(doc, n);
            if l == Lean::Foreign || in_foreign_context(doc, n) {
                continue;
            }
            let Some((d, cued_modified)) = element_date(doc, n, inp.day_first) else {
                continue;
            };
            if !ok_heur(&d) {
                continue;
            }
            match l {
                Lean::Published if !cued_modified => {
                    published = Some((d, "time-element".into()));
                    break;
                }
                Lean::Modified => {
                    if modified.is_none() {
                        modified = Some((d, "time-element".into()));
                    }
                }
                _ if cued_modified => {
                    if modified.is_none() {
                        modified = Some((d, "time-element".into()));
                    }
                }
                _ => {
                    if first_plain.is_none() {
                        first_plain = Some(d);
                    }
                }
            }
        }
        if published.is_none()
            && let Some(d) = first_plain
        {
            published = Some((d, "time-element".into()));
        }
    }

    // URL date: a day, or a month that constrains the others.
    let url_any = inp.url.and_then(url_date);
    let url_date = url_any.filter(ok_heur);
    let url_month = url_any
        .filter(|d| d.day.is_none())
        .map(|d| (d.year, d.month));

    // Date-marked elements.
    if published.is_none() {
        for &n in &scan.date_elements {
            let l = lean(doc, n);
            if matches!(l, Lean::Foreign | Lean::Modified) || in_foreign_context(doc, n) {
                continue;
            }
            if let Some((d, cued_modified)) = element_date(doc, n, inp.day_first)
                && ok_heur(&d)
                && !cued_modified
            {
                published = Some((d, "element".into()));
                break;
            }
        }
    }
    if published.is_none()
        && let Some(d) = url_date
    {
        published = Some((d, "url".into()));
    }
    // Text after the headline.
    if published.is_none() {
        let mut budget = vocab::TEXT_DATE_WINDOW;
        for t in inp.lead_texts {
            if let Some((d, _)) = first_dated(t, inp.day_first, false).filter(|(d, _)| ok_heur(d)) {
                published = Some((d, "text".into()));
                break;
            }
            budget = budget.saturating_sub(t.len());
            if budget == 0 {
                break;
            }
        }
    }

    // A URL day that contradicts any other date wins: URLs are minted at publication, while
    // markup dates drift (time zones, re-publication, templates). Tuned on the htmldate set.
    if let Some(u) = url_date
        && published
            .as_ref()
            .is_none_or(|(p, _)| p.day_key() != u.day_key())
    {
        published = Some((u, "url".into()));
    }
    // A URL month rules out dates in other months.
    if let (Some((p, _)), Some(month)) = (&published, url_month)
        && (p.year, p.month) != month
    {
        published = inp
            .lead_texts
            .iter()
            .flat_map(|t| find_all_in_text(t, inp.day_first))
            .map(|(d, _)| d)
            .find(|d| (d.year, d.month) == month && ok_heur(d))
            .map(|d| (d, "text".into()));
    }

    if let (Some((p, _)), Some((m, _))) = (&published, &modified)
        && m.day_key() < p.day_key()
    {
        modified = None;
    }
    out.published = published;
    out.modified = modified;
    out
}

/// The first plausible, not modification-cued date in `texts` (the wide text fallback).
pub(crate) fn first_text_date(
    texts: &[String],
    day_first: bool,
    reference: (i32, u8, u8),
) -> Option<Date> {
    texts.iter().find_map(|t| {
        first_dated(t, day_first, false)
            .map(|(d, _)| d)
            .filter(|d| plausible(d, reference, vocab::MIN_YEAR_HEURISTIC))
    })
}

/// `/2024/03/05/`, `/2024-03-05/`, `/20240305/` in a URL path (day precision), or
/// `/2024/03/` (month precision).
pub(crate) fn url_date(url: &str) -> Option<Date> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = path.split_once('/').map_or("", |(_, p)| p);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let mut month_only = None;
    for c in vocab::URL_DATE.captures_iter(path) {
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u8>().ok());
        let Some(y) = c.get(1).and_then(|m| m.as_str().parse::<i32>().ok()) else {
            continue;
        };
        if let (Some(m), Some(d)) = (num(4), num(5)) {
            return Date::ymd(y, m, d);
        }
        match (num(2), num(3)) {
            (Some(m), Some(d)) => return Date::ymd(y, m, d),
            (Some(m), None) if month_only.is_none() => {
                month_only = Some(Date {
                    year: y,
                    month: m,
                    day: None,
                    time: None,
                    offset_minutes: None,
                });
            }
            _ => {}
        }
    }
    month_only
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_dates() {
        let iso = |u: &str| url_date(u).map(|d| d.to_iso());
        assert_eq!(
            iso("https://example.org/2024/03/05/story").as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(
            iso("https://example.org/news/2024-03-05-story").as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(
            iso("https://example.org/20240305/story").as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(
            iso("https://example.org/2024/03/story").as_deref(),
            Some("2024-03")
        );
        assert_eq!(
            iso("https://example.org/2016/12/python.html").as_deref(),
            Some("2016-12")
        );
        assert_eq!(iso("https://example.org/id/12345678901"), None);
        assert_eq!(iso("https://2024-03-05.example.org/"), None);
    }

    #[test]
    fn modified_cue_is_skipped() {
        let (d, m) = first_dated(
            "Updated March 6, 2024 · Published March 5, 2024",
            false,
            true,
        )
        .unwrap();
        assert_eq!(d.to_iso(), "2024-03-05");
        assert!(!m);
        let (_, m) = first_dated("Aktualisiert am 06.03.2024", true, true).unwrap();
        assert!(m);
    }
}
