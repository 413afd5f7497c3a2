//! Pass 3: choose the article container — the subtree where prose outweighs furniture most,
//! once the recognised boilerplate is set aside — and the siblings that continue it.

use newsdesk_dom::{Document, Edge, NodeId, Tag};

use super::features::Info;
use super::junk::Cut;
use crate::vocab::body::{Tuning, hint};

/// Share of a node's prose added to its score when its markup names it the article body
/// (`itemprop=articleBody`, "article-body", role=main); a tie-breaker, not a verdict.
const CONTENT_BONUS: f32 = 0.3;
/// The same for weaker names ("content", "story", `<article>`, `<main>`).
const MAYBE_CONTENT_BONUS: f32 = 0.1;

pub(crate) struct Selection {
    /// The chosen nodes, in document order (the container and any continuing siblings).
    pub nodes: Vec<NodeId>,
    /// Scores with cut subtrees removed.
    pub score: Vec<f32>,
    pub good: Vec<f32>,
}

pub(crate) fn select(
    doc: &Document,
    root: NodeId,
    info: &[Info],
    cuts: &[Option<Cut>],
    tuning: &Tuning,
) -> Selection {
    let mut score = vec![0f32; doc.len()];
    let mut good = vec![0f32; doc.len()];
    let mut best: Option<(NodeId, f32)> = None;
    let mut walk = doc.traverse(root);
    while let Some(edge) = walk.next() {
        match edge {
            Edge::Open(n) => {
                if doc.element(n).is_none() || info[n.index()].skip || cuts[n.index()].is_some() {
                    walk.skip_children();
                }
            }
            Edge::Close(n) => {
                let i = &info[n.index()];
                if doc.element(n).is_none() || i.skip || cuts[n.index()].is_some() {
                    continue;
                }
                let (mut s, mut g) = (i.unit, i.unit.max(0.0));
                for c in doc.children(n) {
                    s += score[c.index()];
                    g += good[c.index()];
                }
                score[n.index()] = s;
                good[n.index()] = g;
                let bonus = if i.hints & hint::CONTENT != 0 {
                    CONTENT_BONUS
                } else if i.hints & hint::MAYBE_CONTENT != 0 {
                    MAYBE_CONTENT_BONUS
                } else {
                    0.0
                };
                let ranked = s + bonus * g;
                if g > 0.0 && best.is_none_or(|(_, b)| ranked > b) {
                    best = Some((n, ranked));
                }
            }
        }
    }
    let Some((best, _)) = best else {
        return Selection {
            nodes: Vec::new(),
            score,
            good,
        };
    };
    // Siblings that continue the article (split bodies, paywall halves, ads in between).
    let mut nodes = Vec::new();
    let threshold = tuning.sibling_share * score[best.index()];
    if let Some(parent) = doc.parent(best).filter(|_| !doc.is(best, Tag::Body)) {
        for c in doc.children(parent) {
            if c == best {
                nodes.push(c);
                continue;
            }
            if doc.element(c).is_none() || info[c.index()].skip || cuts[c.index()].is_some() {
                continue;
            }
            if score[c.index()] > threshold.max(50.0) && good[c.index()] > 0.0 {
                nodes.push(c);
            }
        }
    } else {
        nodes.push(best);
    }
    Selection { nodes, score, good }
}
