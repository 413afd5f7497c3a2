//! Publication and modification dates: candidates from JSON-LD, metas, `itemprop`, `<time>`,
//! date-marked elements, the URL and the text after the headline, in that order of trust.
//! A candidate must be a real day, not after the reference date and not before the web era
//! (for heuristic sources); a modification is never reported as the publication.

use newsdesk_dom::{Document, Edge, NodeId, Tag};

use crate::vocab::meta as vocab;

use super::authors::{element_text, element_text_spaced};
use super::dates::{Date, find_all_in_text, find_short_year, parse_date, parse_date_with};
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
    /// The page's language from markup (BCP 47), when known.
    pub language: Option<&'a str>,
    /// The headline element: the first `h1`, else an `h2` reading as the chosen title.
    pub headline: Option<NodeId>,
}

#[derive(Default)]
pub(crate) struct Dates {
    pub published: Option<(Date, String)>,
    pub modified: Option<(Date, String)>,
    /// The month a month-only URL date (`/2024/03/`) names: dates of other months are not it.
    pub url_month: Option<(i32, u8)>,
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

/// A date from an element: its `datetime`/`content`/`title`/`data-*` attribute, else its text
/// (a two-digit-year date line, "31.10.23", counts there). Returns the date and whether the
/// text put a "modified" cue before it.
fn element_date(
    doc: &Document,
    n: NodeId,
    day_first: bool,
    reference_year: i32,
) -> Option<(Date, bool)> {
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
        .or_else(|| {
            let d = find_short_year(&text, reference_year)?;
            let cued = vocab::MODIFIED_CUE.is_match(&text) && !vocab::PUBLISHED_CUE.is_match(&text);
            Some((d, cued))
        })
        .or_else(|| {
            let spaced = element_text_spaced(doc, n, vocab::MAX_DATE_ELEMENT_CHARS);
            (spaced != text)
                .then(|| first_dated(&spaced, day_first, true))
                .flatten()
        })
}

/// The first date in `text` that is not cued as a modification; with `allow_modified`, a
/// modification-cued date is returned flagged when nothing else is there. Dates cued as
/// something else entirely (a forum's clock, a registration, a deadline) are skipped.
fn first_dated(text: &str, day_first: bool, allow_modified: bool) -> Option<(Date, bool)> {
    first_dated_after("", text, day_first, allow_modified)
}

/// As [`first_dated`], for a text node that follows `previous`: a cue may be a node of its own
/// ("<strong>Registriert:</strong> 18.09.2008").
fn first_dated_after(
    previous: &str,
    text: &str,
    day_first: bool,
    allow_modified: bool,
) -> Option<(Date, bool)> {
    let mut modified = None;
    for (d, range) in find_all_in_text(text, day_first) {
        let before = text.get(..range.start).unwrap_or("");
        let joined;
        let before = if before.trim().chars().count() < 3 && !previous.is_empty() {
            joined = format!("{} {before}", tail_chars(previous, 40));
            tail_chars(&joined, 40)
        } else {
            tail_chars(before, 40)
        };
        if vocab::FOREIGN_DATE_CUE.is_match(before) {
            continue;
        }
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

/// Dates the page shows: `<time>` elements and date-marked elements outside foreign context and
/// not leaning to modification.
struct Shown {
    /// The publication they give: a published-marked `<time>`, else of the plain `<time>`s and
    /// date-marked elements the one nearest the headline (a header's "today" sits before it,
    /// teasers and related posts far after it), with its source.
    first: Option<(Date, &'static str)>,
    /// How far `first` is from the headline (see [`headline_distance`]).
    first_distance: usize,
    /// A modification the `<time>` elements give (marked or cued).
    time_modified: Option<Date>,
    /// Every date seen in either, for cross-checks (capped).
    all: Vec<(Date, &'static str)>,
}

/// Node distance from the headline: after it counts as is, before it double.
fn headline_distance(n: NodeId, h1: Option<NodeId>) -> usize {
    match h1 {
        Some(h) if n.index() >= h.index() => n.index() - h.index(),
        Some(h) => 2 * (h.index() - n.index()),
        None => n.index(),
    }
}

fn shown_dates(
    doc: &Document,
    scan: &Scan,
    inp: &DateInputs,
    ok_heur: &dyn Fn(&Date) -> bool,
) -> Shown {
    let mut out = Shown {
        first: None,
        first_distance: usize::MAX,
        time_modified: None,
        all: Vec::new(),
    };
    let year = inp.reference.0;
    let h1 = inp.headline;
    let mut marked = None;
    // (distance from the headline, date, source)
    let mut nearest: Option<(usize, Date, &'static str)> = None;
    let mut consider = |n: NodeId, d: Date, src: &'static str| {
        let dist = headline_distance(n, h1);
        if nearest.as_ref().is_none_or(|(best, _, _)| dist < *best) {
            nearest = Some((dist, d, src));
        }
    };
    for &n in &scan.times {
        let l = lean(doc, n);
        if l == Lean::Foreign || in_foreign_context(doc, n) {
            continue;
        }
        let Some((d, cued_modified)) = element_date(doc, n, inp.day_first, year) else {
            continue;
        };
        if !ok_heur(&d) {
            continue;
        }
        match l {
            Lean::Published if !cued_modified => {
                if marked.is_none() {
                    marked = Some(d);
                }
            }
            Lean::Modified => {
                out.time_modified.get_or_insert(d);
                continue;
            }
            _ if cued_modified => {
                out.time_modified.get_or_insert(d);
                continue;
            }
            _ => consider(n, d, "time-element"),
        }
        if out.all.len() < 12 {
            out.all.push((d, "time-element"));
        }
    }
    // Date-marked elements nearest the headline first; beyond the nearest one with a date only a
    // few more are read (for the cross-checks).
    let mut elements: Vec<NodeId> = scan.date_elements.clone();
    elements.sort_by_key(|&n| headline_distance(n, h1));
    let mut dated = 0;
    for n in elements {
        if dated >= 6 {
            break;
        }
        let l = lean(doc, n);
        if matches!(l, Lean::Foreign | Lean::Modified) || in_foreign_context(doc, n) {
            continue;
        }
        if let Some((d, cued_modified)) = element_date(doc, n, inp.day_first, year)
            && ok_heur(&d)
            && !cued_modified
        {
            consider(n, d, "element");
            dated += 1;
            if out.all.len() < 24 {
                out.all.push((d, "element"));
            }
        }
    }
    // Short text lines right around the headline ("21. Jan 2022 // Ida Muster" above it).
    if let Some(h) = h1 {
        let zone = doc.parent(h).and_then(|p| doc.parent(p)).unwrap_or(h);
        let mut it = doc.traverse(zone);
        let mut seen = 0;
        let mut previous = "";
        while let Some(e) = it.next() {
            let Edge::Open(n) = e else { continue };
            seen += 1;
            if seen > vocab::HEADLINE_ZONE_NODES {
                break;
            }
            if doc.tag(n).is_some_and(|t| {
                matches!(
                    t,
                    Tag::Script | Tag::Style | Tag::Nav | Tag::Noscript | Tag::Svg
                )
            }) {
                it.skip_children();
                continue;
            }
            let Some(t) = doc.text(n) else { continue };
            let before = std::mem::replace(&mut previous, t);
            let dist = headline_distance(n, h1);
            if dist > vocab::HEADLINE_ZONE_DISTANCE || t.len() > 200 {
                continue;
            }
            // A date line, not a date inside a paragraph.
            let line = doc
                .parent(n)
                .is_some_and(|p| !element_text(doc, p, 100).is_empty());
            if line
                && let Some((d, _)) =
                    first_dated_after(before, t, inp.day_first, false).filter(|(d, _)| ok_heur(d))
                && !in_foreign_context(doc, n)
            {
                consider(n, d, "text");
            }
        }
    }
    let nearest_distance = nearest.as_ref().map(|(dist, _, _)| *dist);
    // A date-marked element often wraps the `<time>` of the same day (a byline with its time):
    // the `<time>`, with its time of day and offset, is the better reading.
    let nearest = nearest.map(|(_, d, src)| {
        if src == "element"
            && let Some((t, _)) = out
                .all
                .iter()
                .find(|(t, s)| *s == "time-element" && t.day_key() == d.day_key())
        {
            return (*t, "time-element");
        }
        (d, src)
    });
    out.first_distance = match (marked, nearest_distance) {
        (None, Some(dist)) => dist,
        _ => usize::MAX,
    };
    out.first = marked.map(|d| (d, "time-element")).or(nearest);
    out
}

/// The first plausible, not modification-cued date in the texts after the headline.
fn lead_text_date(inp: &DateInputs, ok_heur: &dyn Fn(&Date) -> bool) -> Option<Date> {
    let mut budget = vocab::TEXT_DATE_WINDOW;
    let mut previous = "";
    for t in inp.lead_texts {
        if let Some((d, _)) =
            first_dated_after(previous, t, inp.day_first, false).filter(|(d, _)| ok_heur(d))
        {
            return Some(d);
        }
        previous = t;
        budget = budget.saturating_sub(t.len());
        if budget == 0 {
            break;
        }
    }
    None
}

/// A UTC stamp at exactly 23:00:00 (22:00:00 in summer) on a page in a Central European
/// language is a date-only value its CMS stored as local midnight: the next day, at +01:00
/// (+02:00). Real publications at that exact second are rare; "Tuesday, 00:00" is the intent.
fn cet_midnight(p: &Date, language: Option<&str>) -> Option<Date> {
    let lang = language?.split(['-', '_']).next()?.to_ascii_lowercase();
    if !vocab::CET_LANGUAGES.contains(&lang.as_str()) || p.offset_minutes != Some(0) {
        return None;
    }
    let t = p.time?;
    if t.minute != 0 || t.second != 0 {
        return None;
    }
    // Summer time runs from the end of March to the end of October.
    let offset = match (t.hour, p.month) {
        (23, 1..=3 | 10..=12) => 60,
        (22, 3..=10) => 120,
        _ => return None,
    };
    p.at_offset(offset)
}

/// A UTC stamp (`...Z`) is the instant, but the page's readers see its local day. When another
/// source gives the same instant at the page's own offset, that reading is reported; else, when
/// the date the page shows first (its `<time>` element, else the first date after the headline)
/// falls on a neighbouring day that some real time zone puts the instant on (and, when it has a
/// time, whose clock differs from UTC by a whole zone offset), its day is.
fn local_reading(
    p: &Date,
    all_shown: &[(Date, &'static str)],
    first_shown: Option<&Date>,
    metas: &[Date],
) -> Option<Date> {
    if p.offset_minutes != Some(0) {
        return None;
    }
    let instant = p.instant_minutes()?;
    // Same instant, own offset.
    if let Some(d) = metas
        .iter()
        .chain(all_shown.iter().map(|(d, _)| d))
        .find(|d| {
            d.offset_minutes.is_some_and(|o| o != 0)
                && d.instant_minutes()
                    .is_some_and(|i| (i - instant).abs() <= 2)
        })
    {
        return Some(*d);
    }
    // A shown day one off, reachable by a real zone (UTC-12 .. UTC+14).
    let d = first_shown.filter(|d| d.offset_minutes.is_none())?;
    let p_day = p.local_minutes()?.div_euclid(1440);
    let local = d.local_minutes()?;
    let day = local.div_euclid(1440);
    if (day - p_day).abs() != 1 {
        return None;
    }
    let ok = if d.time.is_some() {
        let diff = local - instant;
        (-12 * 60..=14 * 60).contains(&diff) && diff % 15 == 0
    } else {
        // Some minute of that local day is the instant at an offset within range.
        let (lo, hi) = (instant - 12 * 60, instant + 14 * 60);
        lo.div_euclid(1440) <= day && day <= hi.div_euclid(1440)
    };
    if !ok {
        return None;
    }
    Some(match d.time {
        Some(_) => p.at_offset(i32::try_from(local - instant).ok()?)?,
        None => Date {
            time: None,
            offset_minutes: None,
            ..*d
        },
    })
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

    // Published: the structured sources, each kept to check them against each other.
    let ld_published = inp.jsonld_published.and_then(parse_date).filter(ok_struct);
    // (date, meta key, the other reading of an ambiguous numeric date)
    let mut meta_published: Option<(Date, &'static str, Option<Date>)> = None;
    let mut meta_dates: Vec<Date> = Vec::new();
    for k in vocab::PUBLISHED_METAS {
        for v in scan.metas_named(k) {
            let Some(d) = parse_date_with(v, inp.day_first).filter(ok_struct) else {
                continue;
            };
            if meta_dates.len() < 8 {
                meta_dates.push(d);
            }
            if meta_published.is_none() {
                let other = parse_date_with(v, !inp.day_first).filter(|o| *o != d && ok_struct(o));
                meta_published = Some((d, k, other));
            }
        }
    }
    let year = reference.0;
    let mut itemprop_published = None;
    let mut itemprop_modified = None;
    for (ip, n) in &scan.itemprops {
        if ip == "datepublished" || ip == "datecreated" {
            if itemprop_published.is_none()
                && let Some((d, _)) =
                    element_date(doc, *n, inp.day_first, year).filter(|(d, _)| ok_struct(d))
            {
                itemprop_published = Some(d);
            }
        } else if ip == "datemodified"
            && itemprop_modified.is_none()
            && let Some((d, _)) =
                element_date(doc, *n, inp.day_first, year).filter(|(d, _)| ok_struct(d))
        {
            itemprop_modified = Some(d);
        }
    }
    let page_published = inp.page_published.and_then(parse_date).filter(ok_struct);

    let mut published: Option<(Date, String)> = ld_published
        .map(|d| (d, "json-ld".to_owned()))
        .or_else(|| meta_published.map(|(d, k, _)| (d, format!("meta:{k}"))));
    if published.is_none() {
        if let Some(d) = itemprop_published {
            published = Some((d, "itemprop".into()));
        }
        if modified.is_none()
            && let Some(d) = itemprop_modified
        {
            modified = Some((d, "itemprop".into()));
        }
    }
    if published.is_none()
        && let Some(d) = page_published
    {
        published = Some((d, "json-ld:webpage".into()));
    }

    // What the page shows (worked out only when a rule below needs it).
    let shown_cell = std::cell::OnceCell::new();
    let shown = || shown_cell.get_or_init(|| shown_dates(doc, scan, inp, &ok_heur));
    let shown_first = || shown().first;
    let lead_date = std::cell::OnceCell::new();
    let lead_date = || *lead_date.get_or_init(|| lead_text_date(inp, &ok_heur));

    if let Some((p, src)) = published.clone() {
        let same_day = |a: &Date, b: &Date| a.day_key() == b.day_key();
        // JSON-LD against a meta or itemprop of another day: the one the text after the
        // headline shows wins (attributes are not enough: CMSs put the last edit there).
        if src == "json-ld"
            && let Some(s) = lead_date()
            && !same_day(&p, &s)
        {
            if let Some((m, k, _)) = meta_published.filter(|(m, _, _)| same_day(m, &s)) {
                published = Some((m, format!("meta:{k}")));
            } else if let Some(i) = itemprop_published.filter(|i| same_day(i, &s)) {
                published = Some((i, "itemprop".into()));
            }
        }
        // A generic date meta against an explicit `itemprop=datePublished` of another day.
        if src
            .strip_prefix("meta:")
            .is_some_and(|k| vocab::WEAK_PUBLISHED_METAS.contains(&k))
            && let Some(i) = itemprop_published
            && !same_day(&p, &i)
        {
            published = Some((i, "itemprop".into()));
        }
        // A generic date meta later than the date a time or date element shows is the day the
        // page was generated or edited: the shown one is the publication (unless the text after
        // the headline repeats the meta's day). A shown date later than the meta is more often
        // the header's "today" or a teaser, and is taken only right under the headline (below).
        if src
            .strip_prefix("meta:")
            .is_some_and(|k| vocab::WEAK_PUBLISHED_METAS.contains(&k))
            && let Some((s, s_src)) = shown_first()
                .filter(|(s, _)| s.day_key() < p.day_key())
                .or_else(|| {
                    lead_date()
                        .filter(|s| s.day_key() < p.day_key())
                        .map(|d| (d, "text"))
                })
            && lead_date().is_none_or(|l| !same_day(&l, &p))
        {
            published = Some((s, s_src.to_owned()));
        }
        // An ambiguous numeric meta date ("11/01/2023") read the way the page's text writes it.
        if let Some((m, k, Some(other))) = meta_published
            && published.as_ref().is_some_and(|(d, _)| *d == m)
            && let Some(s) = shown_first().map(|(d, _)| d).or_else(lead_date)
            && same_day(&other, &s)
        {
            published = Some((other, format!("meta:{k}")));
        }
        // A generic meta date against one shown right under the headline, either way round: the
        // shown one (a header's "today" sits above the headline, teasers far below it). Any
        // other meta, alone, yields only to a `<time>` there that it re-stamps long after.
        let weak_meta = src
            .strip_prefix("meta:")
            .is_some_and(|k| vocab::WEAK_PUBLISHED_METAS.contains(&k));
        let lone_meta = src.starts_with("meta:") && ld_published.is_none();
        let restamped = |s: &Date, s_src: &str| {
            lone_meta
                && s_src == "time-element"
                && p.day_number()
                    .zip(s.day_number())
                    .is_some_and(|(p, s)| p - s > vocab::META_RESTAMP_MIN_DAYS)
        };
        // (`shown()` walks the page: only when a rule can use it.)
        if (weak_meta || lone_meta)
            && published.as_ref().is_some_and(|(d, _)| *d == p)
            && shown().first_distance <= vocab::HEADLINE_ZONE_DISTANCE
            && let Some((s, s_src)) = shown_first()
                .filter(|(s, s_src)| !same_day(s, &p) && (weak_meta || restamped(s, s_src)))
        {
            published = Some((s, s_src.to_owned()));
        }
        // A UTC stamp read at the page's own offset.
        if let Some((p, src)) = &published
            && p.offset_minutes == Some(0)
            && let Some(local) = cet_midnight(p, inp.language).or_else(|| {
                local_reading(
                    p,
                    &shown().all,
                    shown()
                        .first
                        .filter(|(_, s)| *s == "time-element")
                        .map(|(d, _)| d)
                        .or_else(lead_date)
                        .as_ref(),
                    &meta_dates,
                )
            })
        {
            let src = src.clone();
            published = Some((local, src));
        }
    }

    if published.is_none() {
        if let Some((d, src)) = shown_first() {
            published = Some((d, src.into()));
        }
        if modified.is_none()
            && let Some(d) = shown().time_modified
        {
            modified = Some((d, "time-element".into()));
        }
    }

    // URL date: a day, or a month that constrains the others.
    let url_any = inp.url.and_then(url_date);
    let url_date = url_any.filter(ok_heur);
    let url_month = url_any
        .filter(|d| d.day.is_none())
        .map(|d| (d.year, d.month));

    if published.is_none()
        && let Some(d) = url_date
    {
        published = Some((d, "url".into()));
    }
    // Text after the headline.
    if published.is_none()
        && let Some(d) = lead_date()
    {
        published = Some((d, "text".into()));
    }

    // A publication key in an inline script's data ("publishedDate":"2016-11-04T20:37:27Z"):
    // the last resort, as the first such key may belong to a teaser.
    if published.is_none()
        && let Some(d) = script_date(doc, scan, &ok_heur)
    {
        published = Some((d, "script".into()));
    }

    // A URL day that contradicts any other date wins: URLs are minted at publication, while
    // markup dates drift (time zones, re-publication, templates). Tuned on the htmldate set.
    // ... unless the structured publication (JSON-LD or a publication meta; both, if both are
    // there, on one day) is a few days after it: the URL was minted with the draft.
    let published_after_url = |p: &Date, u: &Date| {
        let meta = meta_published.as_ref().map(|(m, _, _)| *m);
        let lag = p.day_number().zip(u.day_number()).map(|(p, u)| p - u);
        ld_published.or(meta).is_some_and(|d| {
            d.day_key() == p.day_key() && meta.is_none_or(|m| m.day_key() == d.day_key())
        }) && lag.is_some_and(|l| (1..=vocab::URL_PUBLICATION_LAG_DAYS).contains(&l))
    };
    if let Some(u) = url_date
        && published
            .as_ref()
            .is_none_or(|(p, _)| p.day_key() != u.day_key() && !published_after_url(p, &u))
    {
        published = Some((u, "url".into()));
    }
    // A URL month rules out earlier months: the URL did not exist yet. A later date is
    // possible (a draft's URL published weeks on, or a running page re-dated under its
    // headline), and one such page in the two date sets had it.
    if let (Some((p, _)), Some(month)) = (&published, url_month)
        && (p.year, p.month) < month
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
    out.url_month = url_month;
    out
}

/// The first date under a publication key in the page's inline scripts.
fn script_date(doc: &Document, scan: &Scan, ok_heur: &dyn Fn(&Date) -> bool) -> Option<Date> {
    let mut budget = vocab::MAX_SCRIPT_BYTES;
    for &n in &scan.scripts {
        let text = doc.text_content(n);
        let text = cap(&text, budget);
        budget -= text.len();
        if let Some(d) = vocab::SCRIPT_PUBLISHED_KEY
            .captures_iter(text)
            .filter_map(|c| c.get(1).and_then(|v| parse_date(v.as_str())))
            .find(|d| d.day.is_some() && ok_heur(d))
        {
            return Some(d);
        }
        if budget == 0 {
            break;
        }
    }
    None
}

/// The first plausible, not modification-cued date in `texts` (the wide text fallback).
/// With `month`, only a date in that month counts (a month-only URL date names it).
pub(crate) fn first_text_date(
    texts: &[String],
    day_first: bool,
    reference: (i32, u8, u8),
    month: Option<(i32, u8)>,
) -> Option<Date> {
    let mut previous = "";
    texts.iter().find_map(|t| {
        let found = first_dated_after(previous, t, day_first, false);
        previous = t;
        found
            .map(|(d, _)| d)
            .filter(|d| plausible(d, reference, vocab::MIN_YEAR_HEURISTIC))
            .filter(|d| month.is_none_or(|m| (d.year, d.month) == m))
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
            // `/2023/10/3-fragen-an/`: a month folder and a slug opening with a number (the
            // WordPress `/%year%/%monthnum%/%postname%/` scheme); a day folder ends at a slash.
            (Some(m), Some(_)) if slug_after_month_folder(c.get(0).map_or("", |x| x.as_str())) => {
                month_only = month_only.or(Some(Date {
                    year: y,
                    month: m,
                    day: None,
                    time: None,
                    offset_minutes: None,
                }));
            }
            (Some(m), Some(d)) => return Date::ymd(y, m, d),
            // A month alone counts only as path segments (`/2024/03/`): in a file name
            // ("report_2021_11_...") it is the subject's month as often as the publication's.
            (Some(m), None)
                if month_only.is_none()
                    && c.get(0).is_some_and(|x| {
                        x.as_str()
                            .chars()
                            .all(|ch| ch.is_ascii_digit() || ch == '/')
                    }) =>
            {
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
    if month_only.is_none() {
        for c in vocab::URL_DATE_DMY.captures_iter(path) {
            let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u8>().ok());
            let (Some(a), Some(b)) = (num(1), num(2)) else {
                continue;
            };
            let Some(y) = c.get(3).and_then(|m| m.as_str().parse::<i32>().ok()) else {
                continue;
            };
            let (d, m) = match (a > 12, b > 12) {
                (true, false) => (a, b),
                (false, true) => (b, a),
                _ => continue,
            };
            if let Some(date) = Date::ymd(y, m, d) {
                return Some(date);
            }
        }
    }
    month_only
}

/// `/2023/10/3-` or `/2023/10/10_`: year and month as folders, then a number that opens a slug.
fn slug_after_month_folder(m: &str) -> bool {
    let m = m.trim_start_matches(|c: char| !c.is_ascii_digit());
    let parts: Vec<&str> = m.splitn(3, '/').collect();
    matches!(parts.as_slice(), [_, _, day] if day.ends_with(['-', '_']))
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
        assert_eq!(
            iso("https://example.org/docs/report_2021_11_sales.html"),
            None
        );
        assert_eq!(iso("https://2024-03-05.example.org/"), None);
        assert_eq!(
            iso("https://example.org/meldungen/29-10-2021").as_deref(),
            Some("2021-10-29")
        );
        assert_eq!(iso("https://example.org/meldungen/05-03-2021"), None);
        // A month folder, then a slug opening with a number: the month, not a day.
        assert_eq!(
            iso("https://blog.example.org/2023/10/3-questions-for-our-editor/").as_deref(),
            Some("2023-10")
        );
        assert_eq!(
            iso("https://example.org/2023/10/10_tips").as_deref(),
            Some("2023-10")
        );
        assert_eq!(
            iso("https://example.org/2023/10/03/3-questions").as_deref(),
            Some("2023-10-03")
        );
        assert_eq!(
            iso("https://example.org/news/2023-10-03-questions").as_deref(),
            Some("2023-10-03")
        );
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
