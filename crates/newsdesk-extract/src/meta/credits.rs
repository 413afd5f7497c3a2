//! Credit lines: "X and Y contributed to this report", "Reporting by ...; Editing by ...",
//! "This story was originally published by ...", "— The Associated Press". The body stage asks
//! [`is_credit_line`] about short standalone paragraphs; stage 7 structures the credit blocks
//! with [`parse_credit`] and reads the syndication source from them.

use std::sync::LazyLock;

use newsdesk_model::Credit;
use regex::Regex;

use crate::text::{fold_ws, word_count};
use crate::vocab::meta as vocab;

use super::authors::{Trust, clean_names};
use super::clean::key;

/// Longest credit line, in chars, and in words: credits are one or two short sentences.
const MAX_CREDIT_CHARS: usize = 300;
const MAX_CREDIT_WORDS: usize = 45;

/// True when a standalone line of the body is a credit line.
pub(crate) fn is_credit_line(text: &str) -> bool {
    let t = fold_ws(text);
    let n = t.chars().count();
    if !(8..=MAX_CREDIT_CHARS).contains(&n) || word_count(&t) > MAX_CREDIT_WORDS {
        return false;
    }
    // The regexes are large and Unicode-aware; cheap scans rule out most paragraphs first.
    // CREDIT_LINE is anchored at the start (its role words open the line) or is a dash
    // signature at the end; CREDIT_LINE_END needs "contributed"/"assisted"/"helped".
    let mut head_end = t.len().min(60);
    while !t.is_char_boundary(head_end) {
        head_end += 1;
    }
    let opens = vocab::CREDIT_HINTS.is_match(&t[..head_end]) || ends_with_dash_signature(&t);
    let closes = vocab::CREDIT_END_HINTS.is_match(&t);
    (opens && vocab::CREDIT_LINE.is_match(&t)) || (closes && vocab::CREDIT_LINE_END.is_match(&t))
}

/// "— The Associated Press", "-- Staff": a dash near the end of the line.
fn ends_with_dash_signature(t: &str) -> bool {
    let mut start = t.len().saturating_sub(80);
    while !t.is_char_boundary(start) {
        start += 1;
    }
    let tail = &t[start..];
    tail.contains('—') || tail.contains('–') || tail.contains(" -") || t.starts_with('-')
}

/// " in Berlin", " from Paris and London": the place after a reporter's name.
static PLACE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s+(?:in|from|at|aus|en|à|desde)\s+\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*)?")
        .expect("place regex")
});

/// The wire services named in `text` (canonical names, first mention first).
pub(crate) fn wire_services(text: &str) -> Vec<&'static str> {
    let mut found: Vec<(usize, &'static str)> = Vec::new();
    for &(needle, canon) in vocab::WIRE_SERVICES {
        let mut from = 0;
        while let Some(i) = text.get(from..).and_then(|t| t.find(needle)) {
            let start = from + i;
            let end = start + needle.len();
            let before_ok = text[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = text[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if before_ok && after_ok {
                if !found.iter().any(|(_, c)| *c == canon) {
                    found.push((start, canon));
                }
                break;
            }
            from = end;
        }
    }
    found.sort_by_key(|(i, _)| *i);
    found.into_iter().map(|(_, c)| c).collect()
}

fn push_unique(v: &mut Vec<String>, s: &str) {
    if !s.is_empty() && !v.iter().any(|o| key(o) == key(s)) {
        v.push(s.to_owned());
    }
}

/// Sorts cleaned names into people and organisations (wire services and outlets).
fn add_names(segment: &str, credit: &mut Credit) {
    let seg = PLACE_TAIL.replace_all(segment.trim(), "");
    for n in clean_names(&seg, Trust::Text) {
        let wires = wire_services(&n);
        if let Some(w) = wires.first()
            && key(&n).split(' ').count() <= 4
        {
            push_unique(&mut credit.organisations, w);
        } else if is_outlet(&n) {
            push_unique(&mut credit.organisations, &n);
        } else {
            push_unique(&mut credit.names, &n);
        }
    }
}

fn is_outlet(name: &str) -> bool {
    let last = name.split_whitespace().last().unwrap_or("");
    [
        "Press",
        "News",
        "Times",
        "Post",
        "Agency",
        "Wire",
        "Service",
        "Herald",
        "Journal",
        "Tribune",
        "Media",
        "Desk",
        "Bureau",
        "Newsroom",
        "Magazine",
        "Radio",
        "Network",
        "Report",
        "Review",
        "Gazette",
        "Daily",
        "Weekly",
        "Chronicle",
        "Telegraph",
        "Guardian",
    ]
    .contains(&last)
}

/// Structures a credit line into names and organisations.
pub(crate) fn parse_credit(text: &str) -> Credit {
    let t = fold_ws(text);
    let mut credit = Credit {
        text: t.clone(),
        ..Default::default()
    };
    let body = t.trim_matches(|c: char| {
        matches!(c, '(' | ')' | '[' | ']' | '*' | '_') || c.is_whitespace()
    });

    // "Originally published by X" names an outlet.
    if let Some(c) = vocab::ORIGINALLY_PUBLISHED.captures(body)
        && let Some(src) = c.name("src")
    {
        push_unique(
            &mut credit.organisations,
            src.as_str().trim_end_matches('.'),
        );
    }
    // "X and Y contributed to this report": names before the verb.
    if let Some(m) = vocab::CREDIT_LINE_END.find(body) {
        let mut who = &body[..m.start()];
        // "Associated Press writers X and Y contributed": the role goes to organisations.
        // ASCII lower-casing keeps byte offsets valid for slicing `who`.
        let lower = who.to_ascii_lowercase();
        for role in [
            "writers",
            "writer",
            "reporters",
            "reporter",
            "correspondents",
            "correspondent",
        ] {
            if let Some(i) = lower.find(role) {
                let org = who[..i].trim();
                for w in wire_services(org) {
                    push_unique(&mut credit.organisations, w);
                }
                who = &who[(i + role.len()).min(who.len())..];
                break;
            }
        }
        add_names(who, &mut credit);
    }
    // "Reporting by A in Berlin; Editing by B": each role segment.
    let starts: Vec<(usize, usize)> = vocab::CREDIT_ROLE
        .find_iter(body)
        .map(|m| (m.start(), m.end()))
        .collect();
    for (i, &(_, end)) in starts.iter().enumerate() {
        let stop = starts.get(i + 1).map_or(body.len(), |&(s, _)| s);
        let segment = body.get(end..stop).unwrap_or("");
        let segment = segment.split([';', '\n']).next().unwrap_or(segment);
        let segment = segment.trim_end_matches(|c: char| c == '.' || c == ',' || c.is_whitespace());
        add_names(segment, &mut credit);
    }
    // "— The Associated Press" and any wire named in the line.
    if starts.is_empty() && credit.names.is_empty() && credit.organisations.is_empty() {
        let tail = body.trim_start_matches(['—', '–', '-', ' ']);
        if is_outlet(tail.trim_end_matches('.')) {
            push_unique(&mut credit.organisations, tail.trim_end_matches('.'));
        }
    }
    for w in wire_services(body) {
        push_unique(&mut credit.organisations, w);
    }
    credit
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Credit lines written for this test (varied shapes, languages, punctuation).
    const CREDITS: &[&str] = &[
        "Jane Roe and Bob Smith contributed to this report.",
        "Ada Quill contributed reporting from Lisbon.",
        "Reporting by Tom Reed in Berlin; Editing by Kay Moss",
        "Additional reporting by Lena Park.",
        "(Reporting by Omar Haddad and Priya Nair; Writing by Sam Cole; Editing by Dee Lowe)",
        "This story was originally published by The Harbor Ledger.",
        "This article was first published on Riverside Weekly.",
        "— The Associated Press",
        "-- Reuters",
        "Associated Press writers Mia Tran and Leo Grant contributed to this report.",
        "Compiled by Nora Vance",
        "Edited by Felix Hart",
        "Research by Ivy Chen. Graphics by Raj Patel.",
        "Originally published at Coastline Review.",
        "Staff writer Hugo Bell contributed to this story.",
        "Mitarbeit: Petra Lang",
        "Mit Material von dpa",
        "Photos by Gina Rossi",
        "Written by Carl Jensen and edited by Maya Ortiz.",
        "This story was produced in partnership with Northbound News.",
        "Eli Brooks in Denver contributed to this report.",
        "— Bloomberg News",
        "Translated by Rosa Delgado",
        "Zoe Adams and Ken Ito contributed reporting.",
    ];

    /// Look-alikes: sentences with the same words that are not credits.
    const NOT_CREDITS: &[&str] = &[
        "He contributed to the fund every year until he retired.",
        "Reporting by the committee was delayed until March.",
        "The report was edited by hand before it reached the minister.",
        "She said the bridge was originally built in 1902 by local workers.",
        "Many residents contributed to this effort over the summer.",
        "The associated press conference ended without questions.",
        "Research by universities shows the river is warming.",
        "The story was first told by his grandmother decades ago.",
        "Written by hand, the letter ran to twelve pages.",
        "The band's new album was produced by a friend from school.",
        "“We all contributed,” she said.",
        "Photos by the river show the flood line clearly.",
        "— and then the lights went out",
    ];

    #[test]
    fn credit_line_precision_and_recall() {
        let hits = CREDITS.iter().filter(|c| is_credit_line(c)).count();
        let missed: Vec<_> = CREDITS.iter().filter(|c| !is_credit_line(c)).collect();
        let false_pos: Vec<_> = NOT_CREDITS.iter().filter(|c| is_credit_line(c)).collect();
        assert!(false_pos.is_empty(), "false positives: {false_pos:?}");
        let recall = hits as f64 / CREDITS.len() as f64;
        assert!(recall >= 0.9, "recall {recall}, missed {missed:?}");
    }

    #[test]
    fn structures_credits() {
        let c = parse_credit("Jane Roe and Bob Smith contributed to this report.");
        assert_eq!(c.names, vec!["Jane Roe", "Bob Smith"]);
        let c =
            parse_credit("(Reporting by Omar Haddad in Cairo and Priya Nair; Editing by Dee Lowe)");
        assert_eq!(c.names, vec!["Omar Haddad", "Priya Nair", "Dee Lowe"]);
        let c = parse_credit("— The Associated Press");
        assert_eq!(c.organisations, vec!["The Associated Press"]);
        let c = parse_credit(
            "Associated Press writers Mia Tran and Leo Grant contributed to this report.",
        );
        assert_eq!(c.names, vec!["Mia Tran", "Leo Grant"]);
        assert_eq!(c.organisations, vec!["The Associated Press"]);
        let c = parse_credit("This story was originally published by The Harbor Ledger.");
        assert_eq!(c.organisations, vec!["The Harbor Ledger"]);
        let c = parse_credit("Mit Material von dpa");
        assert_eq!(c.organisations, vec!["dpa"]);
    }
}
