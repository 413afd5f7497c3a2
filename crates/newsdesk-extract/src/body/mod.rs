//! Stage 5: the article body.
//!
//! 1. [`features`]: per-node text statistics; each paragraph-like unit weighed as prose (+) or
//!    furniture (−).
//! 2. [`junk`]: subtrees that are boilerplate, by hint *and* structure, with reasons.
//! 3. [`select`]: the container where prose outweighs furniture most, plus continuing siblings.
//! 4. [`blocks`]: the container walked into structured blocks (captions, credits, figures kept).
//! 5. [`filter`]: block-level cuts — repeated headline, bylines, furniture lines, trailing rails.

mod blocks;
mod features;
mod filter;
mod junk;
mod select;

use newsdesk_dom::{NodeId, Tag};
use newsdesk_model::{Block, RemovalReason, Removed};
use url::Url;

use crate::meta::Metadata;
use crate::vocab::body::{self as v, Tuning};
use crate::{Mode, Page};

pub(crate) struct Body {
    pub blocks: Vec<Block>,
    /// CSS-like paths of the chosen container nodes (filled when explaining).
    pub containers: Vec<String>,
    pub removed: Vec<Removed>,
    /// Visible characters of the body text.
    pub text_len: usize,
    /// Far less text than the page's prose suggests: worth a retry in recall mode.
    pub implausibly_short: bool,
    /// The time budget ran out: the body is empty or partial.
    pub timed_out: bool,
}

impl Body {
    fn out_of_time() -> Body {
        Body {
            blocks: Vec::new(),
            containers: Vec::new(),
            removed: Vec::new(),
            text_len: 0,
            implausibly_short: false,
            timed_out: true,
        }
    }
}

fn tuning(mode: Mode) -> &'static Tuning {
    match mode {
        Mode::Precision => &v::PRECISION,
        Mode::Balanced => &v::BALANCED,
        Mode::Recall => &v::RECALL,
    }
}

/// The URL relative links resolve against: `<base href>` over the page URL.
fn base_url(page: &Page) -> Option<Url> {
    let doc = page.doc;
    let base_href = doc
        .head()
        .and_then(|h| doc.descendants(h).find(|&n| doc.is(n, Tag::Base)))
        .and_then(|b| doc.attr(b, "href"));
    match (page.url, base_href) {
        (Some(u), Some(h)) => u.join(h).ok().or_else(|| Some(u.clone())),
        (Some(u), None) => Some(u.clone()),
        (None, Some(h)) => Url::parse(h).ok(),
        (None, None) => None,
    }
}

pub(crate) fn extract(page: &Page, meta: &Metadata, mode: Mode) -> Body {
    let doc = page.doc;
    let tuning = tuning(mode);
    let explain = page.options.explain;
    let root: NodeId = doc.body().unwrap_or(doc.root());

    let late = || std::time::Instant::now() > page.deadline;
    let info = features::compute(doc, root, tuning);
    if late() {
        return Body::out_of_time();
    }
    let page_good = info[root.index()].good;
    let live = info
        .iter()
        .any(|i| i.hints & crate::vocab::body::hint::LIVE != 0);
    // Outside recall mode hidden subtrees are cut whatever they hold, so the other rules'
    // "share of the page's prose" counts visible prose only: a page that keeps a hidden copy of
    // its river of teasers must not make the visible article look like a small template region.
    let visible_good = if mode == Mode::Recall {
        page_good
    } else {
        page_good - features::hidden_good(doc, root, &info)
    };
    let judge = junk::Judge {
        doc,
        info: &info,
        tuning,
        page_good: visible_good,
        recall: mode == Mode::Recall,
        host: page.url.and_then(|u| u.host_str()),
        path: page.url.map(|u| u.path()),
        live,
    };
    let cuts = judge.mark(root);
    if late() {
        return Body::out_of_time();
    }
    let selection = select::select(doc, root, &info, &cuts, tuning);
    if late() {
        return Body::out_of_time();
    }

    let base = base_url(page);
    let mut builder = blocks::Builder::new(doc, &info, &cuts, base.as_ref(), explain);
    for &n in &selection.nodes {
        builder.build(n);
    }
    let raw = std::mem::take(&mut builder.blocks);
    let mut removed = std::mem::take(&mut builder.removed);
    let kept = filter::filter(
        raw,
        &builder.cut_marks,
        meta.title.as_deref(),
        live,
        tuning,
        page,
        &mut removed,
    );

    let timed_out = late();
    if explain && !timed_out {
        explain_outside(page, &info, &cuts, &selection.nodes, root, &mut removed);
    }

    let blocks: Vec<Block> = kept.into_iter().map(|b| b.block).collect();
    let text_len = crate::text::visible_len(&newsdesk_model::to_text(&blocks));
    let implausibly_short =
        (text_len as f32) < v::SHORT_BODY_SHARE * page_good && text_len < v::SHORT_BODY_CHARS;
    let containers = if explain {
        selection.nodes.iter().map(|&n| css_path(doc, n)).collect()
    } else {
        Vec::new()
    };
    Body {
        blocks,
        containers,
        removed,
        text_len,
        implausibly_short,
        timed_out,
    }
}

/// Records what lies outside the chosen container: cut subtrees with their reasons, and the
/// remaining text as `outside_article`.
fn explain_outside(
    page: &Page,
    info: &[features::Info],
    cuts: &[Option<junk::Cut>],
    chosen: &[NodeId],
    root: NodeId,
    removed: &mut Vec<Removed>,
) {
    let doc = page.doc;
    let mut walker = blocks::Builder::new(doc, info, cuts, None, true);
    let mut stack = vec![root];
    let mut tops = Vec::new();
    while let Some(n) = stack.pop() {
        if chosen.contains(&n) {
            continue;
        }
        let contains_chosen = chosen.iter().any(|&c| doc.ancestors(c).any(|a| a == n));
        if contains_chosen {
            let kids: Vec<NodeId> = doc.children(n).collect();
            stack.extend(kids.into_iter().rev());
        } else {
            tops.push(n);
        }
    }
    for n in tops {
        if let Some(cut) = cuts[n.index()] {
            walker
                .removed
                .push(blocks::removed(cut.reason, cut.rule, &doc.text_content(n)));
            continue;
        }
        walker.build(n);
    }
    removed.append(&mut walker.removed);
    for b in walker.blocks {
        let text = newsdesk_model::to_text(std::slice::from_ref(&b.block));
        if !text.trim().is_empty() {
            removed.push(blocks::removed(
                RemovalReason::OutsideArticle,
                "outside container",
                &text,
            ));
        }
    }
}

/// `body > div#main.story > article` style path, for explanations.
fn css_path(doc: &newsdesk_dom::Document, n: NodeId) -> String {
    let mut parts: Vec<String> = std::iter::once(n)
        .chain(doc.ancestors(n))
        .filter(|&a| doc.element(a).is_some_and(|e| e.tag != Tag::Html))
        .map(|a| blocks::selector(doc, a))
        .collect();
    parts.reverse();
    parts.join(" > ")
}
