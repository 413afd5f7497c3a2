//! The headline, reconciled across JSON-LD, Open Graph / Twitter cards, `h1` and `<title>`.
//!
//! Candidates carry site names and sections glued on ("Headline | Site", "Site - Section -
//! Headline"). Each candidate is split at title separators; parts that name the site are cut.
//! A candidate (or part) that agrees with an `h1` of the page wins; otherwise the most trusted
//! candidate, cleaned, does.

use crate::vocab::meta as vocab;

use super::clean::key;

pub(crate) struct Candidate<'a> {
    pub text: &'a str,
    pub source: &'static str,
}

/// Splits `text` at the first separator kind that occurs in it; returns the separator too,
/// to rejoin what is kept.
fn split_parts(text: &str) -> Option<(&'static str, Vec<&str>)> {
    for sep in vocab::TITLE_SEPARATORS {
        if text.contains(sep) {
            let parts: Vec<&str> = text
                .split(sep)
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            if parts.len() >= 2 {
                return Some((sep, parts));
            }
        }
    }
    None
}

/// Where the next title separator of any kind starts in `text` (its length if none does).
fn next_separator(text: &str) -> usize {
    vocab::TITLE_SEPARATORS
        .iter()
        .filter_map(|s| text.find(s))
        .min()
        .unwrap_or(text.len())
}

/// True when a title part names the site: its key equals or contains a site name key, or it is
/// the host's label ("nytimes" for "NYTimes.com").
fn names_site(part: &str, sites: &[String]) -> bool {
    let k = key(part);
    if k.is_empty() {
        return true;
    }
    let compact: String = k.chars().filter(|c| *c != ' ').collect();
    sites.iter().any(|s| {
        if s.is_empty() {
            return false;
        }
        let sc: String = s.chars().filter(|c| *c != ' ').collect();
        k == *s
            || compact == sc
            || (compact.len() <= sc.len() + 12 && (compact.contains(&sc) || sc.contains(&compact)))
    })
}

/// Removes parts that name the site, from the ends inward, for each separator kind in turn
/// ("Headline : Blog | Site"). Returns the cleaned title.
pub(crate) fn strip_site(text: &str, sites: &[String]) -> String {
    let mut cur = text.to_owned();
    for _ in 0..3 {
        let next = strip_site_once(&cur, sites);
        if next == cur {
            break;
        }
        cur = next;
    }
    cur
}

fn strip_site_once(text: &str, sites: &[String]) -> String {
    let Some((sep, parts)) = split_parts(text) else {
        return text.to_owned();
    };
    // Separators of two kinds ("Headline : Blog | Slogan"): the site name may stand between
    // two of another kind than the first one found; whatever follows it goes.
    if !parts.iter().any(|p| names_site(p, sites)) {
        let mut cut = None;
        for kind in vocab::TITLE_SEPARATORS {
            if let Some(i) = text.find(kind) {
                let rest = &text[i + kind.len()..];
                let site = &rest[..next_separator(rest)];
                if i > 0 && names_site(site, sites) && cut.is_none_or(|c| i < c) {
                    cut = Some(i);
                }
            }
        }
        if let Some(i) = cut {
            return text[..i].trim().to_owned();
        }
    }
    let mut lo = 0;
    let mut hi = parts.len();
    while hi - lo > 1 {
        if names_site(parts[hi - 1], sites) {
            hi -= 1;
        } else if names_site(parts[lo], sites) {
            lo += 1;
        } else {
            break;
        }
    }
    // A site name inside: it and what follows it (a slogan, a section) are the site's
    // ("Headline : Blog name | Tagline").
    if let Some(i) = (lo + 1..hi).find(|&i| names_site(parts[i], sites)) {
        hi = i;
    }
    if lo == 0 && hi == parts.len() {
        return text.to_owned();
    }
    parts[lo..hi].join(sep)
}

/// The prefixes, suffixes and middle runs of a title split at separators: "A | B | C" gives
/// "A", "A | B", "B | C", "C", "B" (each a possible headline with the rest being
/// site/section/kicker).
fn part_variants(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some((sep, parts)) = split_parts(text) {
        for i in 1..parts.len() {
            out.push(parts[..i].join(sep));
            out.push(parts[i..].join(sep));
        }
        // Middle runs: "Kicker - Headline - Section".
        for i in 1..parts.len() {
            for j in i + 1..parts.len() {
                out.push(parts[i..j].join(sep));
            }
        }
    }
    out
}

/// Picks the headline. `h1s` are the page's `h1` texts; `sites` are comparison keys of the
/// site's names (og:site_name, publisher, host label).
pub(crate) fn choose(
    candidates: &[Candidate],
    h1s: &[&str],
    sites: &[String],
) -> Option<(String, &'static str)> {
    let usable = |t: &str| {
        let n = t.chars().count();
        (2..=vocab::MAX_TITLE_CHARS).contains(&n)
    };
    let h1_keys: Vec<(String, &str)> = h1s
        .iter()
        .filter(|h| usable(h) && !names_site(h, sites))
        .map(|h| (key(h), *h))
        .filter(|(k, _)| k.split(' ').count() >= 2 || k.chars().count() >= 12)
        .collect();

    // 1. Agreement with an h1: a candidate (whole, stripped or a part) equal to an h1.
    for c in candidates {
        if !usable(c.text) {
            continue;
        }
        // The h1's own text is returned: it is what readers see, typographic quotes and
        // dashes included, which metas often flatten.
        let whole = key(c.text);
        if let Some((_, h)) = h1_keys.iter().find(|(k, _)| *k == whole) {
            // An h1 that copies the whole `<title>` (often a hidden SEO heading) may carry the
            // site's name after the headline. (A site name before it is left: "Welpen kaufen –
            // Tipps ..." on welpen-kaufen.de is the headline itself.)
            let stripped = strip_site(h, sites);
            let h = if usable(&stripped) && h.starts_with(stripped.as_str()) {
                stripped
            } else {
                (*h).to_owned()
            };
            return Some((h, c.source));
        }
        let stripped = strip_site(c.text, sites);
        if key(&stripped) != whole
            && let Some((_, h)) = h1_keys.iter().find(|(k, _)| *k == key(&stripped))
        {
            return Some(((*h).to_owned(), c.source));
        }
        // "Kicker: Headline" where the page shows the headline alone.
        if let Some((_, rest)) = stripped.split_once(": ")
            && let Some((_, h)) = h1_keys.iter().find(|(k, _)| *k == key(rest))
        {
            return Some(((*h).to_owned(), "h1"));
        }
        for v in part_variants(c.text) {
            if let Some((_, h)) = h1_keys.iter().find(|(k, _)| *k == key(&v)) {
                return Some(((*h).to_owned(), "h1"));
            }
        }
    }
    // 2. An h1 that a candidate starts with or contains (the candidate adds a site/section
    //    in a form we could not split, e.g. "Headline Site").
    for c in candidates {
        let whole = key(c.text);
        for (k, h) in &h1_keys {
            if k.len() >= 20
                && whole.len() > k.len()
                && (whole.starts_with(k.as_str()) || whole.ends_with(k.as_str()))
            {
                return Some(((*h).to_owned(), "h1"));
            }
        }
    }
    // 3. The most trusted candidate, with the site cut off; a one- or two-word result
    //    ("Home", "Über uns") is a page label, and an h1 of several words is the headline.
    let many_word_h1 = h1_keys
        .iter()
        .find(|(k, _)| k.split(' ').count() >= 3)
        .map(|(_, h)| *h);
    for c in candidates {
        if !usable(c.text) {
            continue;
        }
        let stripped = strip_site(c.text, sites);
        let chosen = if c.source == "title" {
            readability_trim(&stripped)
        } else {
            stripped
        };
        if !usable(&chosen) {
            continue;
        }
        let labelled = !matches!(c.source, "json-ld" | "meta:dc.title" | "meta:dcterms.title");
        if labelled
            && key(&chosen).split(' ').count() <= 2
            && let Some(h) = many_word_h1
        {
            return Some((h.to_owned(), "h1"));
        }
        return Some((chosen, c.source));
    }
    h1_keys.first().map(|(_, h)| ((*h).to_owned(), "h1"))
}

/// Last resort for a `<title>` whose site part we could not identify: cut a final short part
/// ("Headline - Blogname") when what stays is a real headline (3+ words).
fn readability_trim(title: &str) -> String {
    let Some((sep, parts)) = split_parts(title) else {
        return title.to_owned();
    };
    // Breadcrumb separators ("Blog » Archive » Headline") put the headline last.
    if matches!(sep, " » " | " > " | " / ")
        && let Some(last) = parts.last()
        && last.split_whitespace().count() >= 2
    {
        return (*last).to_owned();
    }
    let Some(last) = parts.last() else {
        return title.to_owned();
    };
    let first_words: usize = parts[..parts.len() - 1]
        .iter()
        .map(|p| p.split_whitespace().count())
        .sum();
    if last.split_whitespace().count() <= 3 && first_words >= 3 {
        return parts[..parts.len() - 1].join(sep);
    }
    title.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c<'a>(text: &'a str, source: &'static str) -> Candidate<'a> {
        Candidate { text, source }
    }

    #[test]
    fn strips_site_suffix_and_prefix() {
        let sites = vec![key("The Daily Example")];
        assert_eq!(
            strip_site("Rain floods the town | The Daily Example", &sites),
            "Rain floods the town"
        );
        assert_eq!(
            strip_site("The Daily Example - Rain floods the town", &sites),
            "Rain floods the town"
        );
        assert_eq!(
            strip_site("COVID-19 rules end", &sites),
            "COVID-19 rules end"
        );
        // The site's name inside, its slogan after it.
        assert_eq!(
            strip_site(
                "Rain floods the town | The Daily Example | News you can trust",
                &sites
            ),
            "Rain floods the town"
        );
        // ... between separators of another kind than the first one found.
        assert_eq!(
            strip_site(
                "Rain floods the town : The Daily Example | News you can trust",
                &sites
            ),
            "Rain floods the town"
        );
    }

    #[test]
    fn h1_agreement_beats_trust_order() {
        let sites = vec![key("Example"), key("example")];
        let got = choose(
            &[
                c("Example - Weather - Rain floods the town", "meta:og:title"),
                c("Rain floods the town - Weather - Example", "title"),
            ],
            &["Rain floods the town"],
            &sites,
        );
        assert_eq!(got, Some(("Rain floods the town".into(), "h1")));
    }

    #[test]
    fn middle_part_agreeing_with_h1() {
        let got = choose(
            &[c(
                "Neu - Kleiner Wagen auf dem Vormarsch - Vorstellung",
                "title",
            )],
            &["Kleiner Wagen auf dem Vormarsch"],
            &[key("example")],
        );
        assert_eq!(got, Some(("Kleiner Wagen auf dem Vormarsch".into(), "h1")));
    }

    #[test]
    fn title_without_h1() {
        let got = choose(
            &[c("Rain floods the town in spring - Weather", "title")],
            &[],
            &[key("example")],
        );
        assert_eq!(
            got,
            Some(("Rain floods the town in spring".into(), "title"))
        );
    }
}
