//! Block-level filters over the walked container: the headline repeated, bylines and date
//! lines at the edges, furniture lines, link-dense lines, a trailing rail, and credit lines
//! (kept, as their own kind).

use newsdesk_model::{Block, RemovalReason, Removed};

use super::blocks::{RawBlock, removed};
use super::junk::is_share_widget;
use crate::meta::credits::is_credit_line;
use crate::text::{fold_ws, word_count};
use crate::vocab::body::{
    AUTHOR_BIO_LINE, BOILERPLATE_LINE, BYLINE_LINE, BYLINE_MAX_WORDS, CAPTION_FURNITURE,
    DATE_LABEL, DATE_WORD, EDGE_FURNITURE, EDGE_FURNITURE_MAX_WORDS, NOTICE_LINE, PAYWALL_LINE,
    RAIL_HEADING, SHARE_MAX_WORDS, TAIL_SECTION_HEADING, Tuning,
};

/// A paragraph of at least this many words reads as prose.
const PROSE_WORDS: usize = 12;
/// A caption is at most this many words.
const CAPTION_MAX_WORDS: usize = 35;
/// Body paragraphs are long; a standfirst, byline or dateline is not.
const LONG_WORDS: usize = 25;
/// A kicker above the headline is at most this many words.
const KICKER_WORDS: usize = 4;

/// Removes leading lines of a `<br>`-broken first paragraph that repeat the headline or are a
/// byline or date line (old table layouts put them in the article's first cell).
/// Returns true when every line is such a line.
fn trim_leading_lines(text: &mut String, title: Option<&str>) -> bool {
    if !text.contains('\n') {
        return false;
    }
    let mut lines: Vec<&str> = text.lines().collect();
    let mut drop = 0;
    for line in &lines {
        let l = fold_ws(line);
        let meta = l.is_empty()
            || title.is_some_and(|t| same_as_title(&l, t))
            || (word_count(&l) <= BYLINE_MAX_WORDS
                && ((BYLINE_LINE.is_match(&l) && !l.ends_with('.'))
                    || is_date_line(&l)
                    || DATE_LABEL.is_match(&l)));
        if !meta {
            break;
        }
        drop += 1;
    }
    if drop == lines.len() {
        return true;
    }
    if drop > 0 {
        lines.drain(..drop);
        *text = lines.join("\n");
    }
    false
}

/// Blocks this close to either end of the article are checked for bylines and date lines.
const EDGE_BLOCKS: usize = 3;
/// A heading matches the title when this share of its words are title words.
const TITLE_OVERLAP: f32 = 0.8;
const TITLE_COVER: f32 = 0.6;

fn block_text(b: &Block) -> Option<&str> {
    match b {
        Block::Heading { text, .. }
        | Block::Paragraph { text }
        | Block::Quote { text }
        | Block::Credit { text } => Some(text),
        _ => None,
    }
}

fn words_lower(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn same_as_title(text: &str, title: &str) -> bool {
    let a = words_lower(text);
    let b = words_lower(title);
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let hits = a.iter().filter(|w| b.contains(w)).count();
    // Most of the heading is title words, and it covers most of the title (which may still
    // carry a site name).
    hits as f32 >= TITLE_OVERLAP * a.len() as f32 && hits as f32 >= TITLE_COVER * b.len() as f32
}

/// A date line: a few words, nearly all of them date words or numbers.
fn is_date_line(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '/' | '·' | '•' | '-'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > BYLINE_MAX_WORDS {
        return false;
    }
    let digits = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .count();
    if digits == 0 {
        return false;
    }
    let datey = words
        .iter()
        .filter(|w| {
            w.chars().next().is_some_and(|c| c.is_ascii_digit())
                || DATE_WORD.is_match(&w.to_lowercase())
        })
        .count();
    datey * 10 >= words.len() * 8
}

/// A short line that introduces what follows ("Related links:", "Mehr zum Thema").
fn is_label(b: &RawBlock) -> bool {
    match &b.block {
        Block::Heading { text, .. } => word_count(text) <= LABEL_MAX_WORDS,
        Block::Paragraph { text } => {
            word_count(text) <= LABEL_MAX_WORDS && text.trim_end().ends_with(':')
        }
        _ => false,
    }
}

/// Labels (headings, "Sources:" lines) are at most this many words.
const LABEL_MAX_WORDS: usize = 12;

pub(crate) fn filter(
    blocks: Vec<RawBlock>,
    cut_marks: &[(usize, RemovalReason)],
    title: Option<&str>,
    live: bool,
    tuning: &Tuning,
    page: &crate::Page,
    removed_out: &mut Vec<Removed>,
) -> Vec<RawBlock> {
    let explain = page.options.explain;
    let mut keep: Vec<Option<RawBlock>> = blocks.into_iter().map(Some).collect();
    let mut cut = |slot: &mut Option<RawBlock>, reason: RemovalReason, rule: &str| {
        if let Some(b) = slot.take()
            && explain
        {
            let t = block_text(&b.block).unwrap_or_default();
            removed_out.push(removed(reason, rule, t));
        }
    };
    let n = keep.len();
    let first_text = keep
        .iter()
        .position(|b| {
            b.as_ref()
                .is_some_and(|b| matches!(b.block, Block::Paragraph { .. }))
        })
        .unwrap_or(n);
    // The first paragraph that reads as prose: bylines and datelines sit before it or just
    // after it (under a standfirst).
    let first_prose = keep
        .iter()
        .position(|b| {
            b.as_ref().is_some_and(|b| match &b.block {
                Block::Paragraph { text } => word_count(text) >= PROSE_WORDS,
                _ => false,
            })
        })
        .unwrap_or(n);
    // Bylines and datelines stand before the first long paragraph or after the last one.
    let is_long = |b: &Option<RawBlock>| {
        b.as_ref().is_some_and(|b| match &b.block {
            Block::Paragraph { text } => word_count(text) >= LONG_WORDS,
            _ => false,
        })
    };
    let first_long = keep.iter().position(is_long).unwrap_or(n);
    let last_long = keep.iter().rposition(is_long).unwrap_or(n);
    for slot in keep.iter_mut().take(first_prose + 1) {
        let all_meta = match slot.as_mut().map(|b| &mut b.block) {
            Some(Block::Paragraph { text }) => trim_leading_lines(text, title),
            _ => false,
        };
        if all_meta {
            cut(
                slot,
                RemovalReason::Metadata,
                "headline, byline and date lines",
            );
        }
    }

    // Furniture lines inside `<br>`-broken paragraphs ("(No ratings yet)\nLoading...").
    for b in keep.iter_mut().flatten() {
        if let Block::Paragraph { text } = &mut b.block
            && text.contains('\n')
        {
            let lines: Vec<&str> = text
                .lines()
                .filter(|l| {
                    let l = fold_ws(l);
                    !(word_count(&l) <= 12
                        && (BOILERPLATE_LINE.is_match(&l) || is_share_widget(&l)))
                })
                .collect();
            if lines.len() < text.lines().count() {
                *text = lines.join("\n");
            }
        }
    }

    for idx in 0..n {
        // Each block costs a few regex searches, so a page of hundreds of thousands of blocks
        // outlasts the time budget here (50 MB of paragraphs: 5 s). Blocks not reached by the
        // deadline are dropped: the article keeps its start and the caller flags it.
        if idx % 64 == 0 && std::time::Instant::now() > page.deadline {
            keep[idx..].iter_mut().for_each(|slot| *slot = None);
            break;
        }
        let Some(b) = keep[idx].as_ref() else {
            continue;
        };
        let Some(text) = block_text(&b.block).map(str::to_owned) else {
            continue;
        };
        let words = word_count(&text);
        let heading = matches!(b.block, Block::Heading { .. });
        let h1 = matches!(b.block, Block::Heading { level: 1, .. });

        if heading && (idx <= first_text || h1) {
            // The metadata title may be a rewritten social headline; the first h1 above the
            // prose is the page's headline either way.
            let is_title =
                title.is_some_and(|t| same_as_title(&text, t)) || (h1 && idx < first_prose);
            if is_title {
                cut(&mut keep[idx], RemovalReason::Title, "headline");
                // Short labels above the headline are its kicker ("Verkehr", "Live").
                if idx < first_prose {
                    for slot in keep.iter_mut().take(idx) {
                        if slot.as_ref().is_some_and(|b| {
                            block_text(&b.block).is_some_and(|t| word_count(t) <= KICKER_WORDS)
                        }) {
                            cut(slot, RemovalReason::Metadata, "kicker");
                        }
                    }
                }
                continue;
            }
        }
        if words == 0 {
            cut(&mut keep[idx], RemovalReason::Boilerplate, "no words");
            continue;
        }
        if words <= SHARE_MAX_WORDS && is_share_widget(&text) {
            cut(&mut keep[idx], RemovalReason::ShareWidget, "share words");
            continue;
        }
        if words <= 12 {
            if is_share_widget(&text) {
                cut(&mut keep[idx], RemovalReason::ShareWidget, "share words");
                continue;
            }
            if CAPTION_FURNITURE.is_match(&text) {
                cut(
                    &mut keep[idx],
                    RemovalReason::CaptionFurniture,
                    "caption furniture",
                );
                continue;
            }
            if BOILERPLATE_LINE.is_match(&text) {
                cut(
                    &mut keep[idx],
                    RemovalReason::Boilerplate,
                    "boilerplate line",
                );
                continue;
            }
        }
        if words <= 40 && PAYWALL_LINE.is_match(&text) {
            cut(&mut keep[idx], RemovalReason::Newsletter, "paywall prompt");
            continue;
        }
        if words <= 60 && NOTICE_LINE.is_match(&text) {
            cut(&mut keep[idx], RemovalReason::Boilerplate, "notice");
            continue;
        }
        let edge = idx < first_text + EDGE_BLOCKS
            || idx <= first_prose + 1
            || idx < first_long
            || idx > last_long
            || idx + EDGE_BLOCKS >= n;

        if edge && words <= BYLINE_MAX_WORDS && !heading {
            let folded = fold_ws(&text);
            if BYLINE_LINE.is_match(&folded) && !folded.ends_with('.') {
                cut(&mut keep[idx], RemovalReason::Metadata, "byline");
                continue;
            }
            // A live blog's entry stamps ("12:47 BST") are content; its dateline is not.
            if is_date_line(&folded) && !(live && words <= 3) {
                cut(&mut keep[idx], RemovalReason::Metadata, "date line");
                continue;
            }
        }
        let tail = idx + EDGE_BLOCKS >= n;
        if tail && words <= EDGE_FURNITURE_MAX_WORDS && EDGE_FURNITURE.is_match(&text) {
            cut(
                &mut keep[idx],
                RemovalReason::Boilerplate,
                "end-of-article furniture",
            );
            continue;
        }
        if tail && words <= 60 && !heading && AUTHOR_BIO_LINE.is_match(&text) {
            cut(&mut keep[idx], RemovalReason::Metadata, "author bio");
            continue;
        }
        // A linked heading that introduces text (listicle sections) is structure, not links.
        let introduces_text = heading
            && keep[idx + 1..]
                .iter()
                .flatten()
                .next()
                .is_some_and(|next| matches!(next.block, Block::Paragraph { .. }));
        if b.link_density() > tuning.max_block_link_density && b.chars < 400 && !introduces_text {
            cut(
                &mut keep[idx],
                RemovalReason::Boilerplate,
                "link-dense line",
            );
            continue;
        }
        // A short line ending in a photo credit is a caption whose image is gone or elsewhere:
        // it becomes a figure, out of the running text.
        if matches!(b.block, Block::Paragraph { .. })
            && words <= CAPTION_MAX_WORDS
            && let (caption, credit) = super::blocks::split_credit(&text)
            && !credit.is_empty()
            && !caption.is_empty()
        {
            if let Some(b) = keep[idx].as_mut() {
                b.block = Block::Figure(newsdesk_model::Figure {
                    caption: Some(caption),
                    credit: Some(credit),
                    ..Default::default()
                });
            }
            continue;
        }
        if matches!(b.block, Block::Paragraph { .. }) && words <= 60 && is_credit_line(&text) {
            if let Some(b) = keep[idx].as_mut() {
                b.block = Block::Credit { text };
            }
            continue;
        }
    }

    // A label right before a cut, with nothing of its own after it, introduced the cut part.
    for &(at, reason) in cut_marks {
        if at == 0 || at > n {
            continue;
        }
        let Some(label) = keep[at - 1].as_ref() else {
            continue;
        };
        let followed_by_content = keep[at..]
            .iter()
            .flatten()
            .next()
            .is_some_and(|next| !is_label(next));
        if is_label(label) && !followed_by_content {
            cut(&mut keep[at - 1], reason, "label of a cut section");
        }
    }
    // A label ending the article introduces something that is not there.
    if let Some(last) = keep.iter().rposition(Option::is_some)
        && keep[last]
            .as_ref()
            .is_some_and(|b| is_label(b) && matches!(b.block, Block::Paragraph { .. }))
    {
        cut(
            &mut keep[last],
            RemovalReason::Boilerplate,
            "trailing label",
        );
    }

    // An author box or similar end section: its heading near the end and all after it.
    let live: Vec<usize> = (0..n).filter(|&i| keep[i].is_some()).collect();
    if let Some(pos) = live.iter().position(|&i| {
        keep[i].as_ref().is_some_and(|b| match &b.block {
            Block::Heading { text, .. } | Block::Paragraph { text } => {
                word_count(text) <= 6 && TAIL_SECTION_HEADING.is_match(text)
            }
            _ => false,
        })
    }) && pos > 0
        && live.len() - pos <= EDGE_BLOCKS + 1
    {
        for &j in &live[pos..] {
            cut(&mut keep[j], RemovalReason::Metadata, "author box");
        }
    }

    // A rail heading near the end, followed only by short lines: the rest is the rail.
    let live: Vec<usize> = (0..n).filter(|&i| keep[i].is_some()).collect();
    for (pos, &idx) in live.iter().enumerate() {
        let Some(b) = keep[idx].as_ref() else {
            continue;
        };
        if let Block::Heading { text, .. } = &b.block
            && RAIL_HEADING.is_match(text)
            && pos > 0
        {
            let rest = &live[pos + 1..];
            let short = rest.iter().all(|&j| {
                keep[j].as_ref().is_some_and(|r| {
                    block_text(&r.block).is_none_or(|t| word_count(t) <= 40)
                        || r.link_density() > 0.3
                })
            });
            if short {
                for &j in std::iter::once(&idx).chain(rest) {
                    cut(
                        &mut keep[j],
                        RemovalReason::TeaserRail,
                        "rail after heading",
                    );
                }
                break;
            }
        }
    }
    keep.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_lines() {
        assert!(is_date_line("Updated 3:45 PM EST, Tue November 19, 2019"));
        assert!(is_date_line("Published: 12 March 2024"));
        assert!(is_date_line("19.11.2019, 14:05 Uhr"));
        assert!(is_date_line("Sun 21 Apr 2024 13.47 BST"));
        assert!(!is_date_line("The vote is on 12 March."));
        assert!(!is_date_line("Nadal won 6-3, 7-6 to level the series"));
    }

    #[test]
    fn titles() {
        assert!(same_as_title(
            "Dam opens after ten years",
            "Dam opens after ten years | The Paper"
        ));
        assert!(!same_as_title("Aftermath", "Dam opens after ten years"));
    }
}
