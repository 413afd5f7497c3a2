//! Pass 3: choose the article container.
//!
//! 1. *Seed*: the element whose nearby units are the most prose — each unit counts fully for
//!    its own element and its parent, half for the grandparent, less further up (the
//!    readability.js propagation), so the seed is the tight parent of the article paragraphs.
//! 2. *Climb*: from the seed, go up while the parent adds prose (after recognised boilerplate
//!    is set aside) and the seed still holds most of the parent's text — a lede in the header
//!    joins, a page footer three levels up does not.
//!    A table's body (`tbody`) chosen this way gives way to its table.
//! 3. *Siblings*: siblings of the final container that are prose in their own right join it
//!    (articles split around ads or paywall markers).

use newsdesk_dom::{Document, Edge, NodeId, Tag};

use super::features::Info;
use super::junk::Cut;
use crate::vocab::body::{Tuning, hint};

/// Share of a node's prose added to its seed score when its markup names it the article body
/// (`itemprop=articleBody`, "article-body", role=main); a tie-breaker, not a verdict.
const CONTENT_BONUS: f32 = 0.3;
/// The same for weaker names ("content", "story", `<article>`, `<main>`).
const MAYBE_CONTENT_BONUS: f32 = 0.1;
/// How much a unit counts for the element `d` levels above its own (0 = itself). Readability
/// uses 1, 1/2, 1/3 for parent, grandparent and further; one more level at 1 lets a wrapper
/// per paragraph (`div > div > p`) still seed at the article body.
const DECAY: [f32; 5] = [1.0, 1.0, 0.5, 0.33, 0.25];
/// The climb stops when the current container holds less than this share of its parent's
/// visible text (boilerplate included): the parent is then the page, not the article.
const CLIMB_MIN_SHARE: f32 = 0.5;
/// ...unless what the parent adds, once recognised boilerplate is set aside, is itself mostly
/// prose (at least this share of its characters in prose units): the other chunks of an
/// article split around ads.
const CLIMB_CLEAN_SHARE: f32 = 0.5;
/// ...and the added prose is a real part, not a stray paragraph: at least this share of the
/// prose already chosen.
const CLIMB_CLEAN_GAIN: f32 = 0.3;
/// A level that costs at most this share of the best score (a step heading, a dateline) does
/// not stop the climb.
const CLIMB_TOLERANCE: f32 = 0.05;

pub(crate) struct Selection {
    /// The chosen nodes, in document order (the container and any continuing siblings).
    pub nodes: Vec<NodeId>,
}

pub(crate) fn select(
    doc: &Document,
    root: NodeId,
    info: &[Info],
    cuts: &[Option<Cut>],
    tuning: &Tuning,
) -> Selection {
    let n = doc.len();
    // Subtree sums with cut subtrees removed.
    let mut score = vec![0f32; n];
    let mut good = vec![0f32; n];
    // Visible characters with cut subtrees removed.
    let mut kept = vec![0u32; n];
    // Decayed sums of nearby units.
    let mut seed = vec![0f32; n];
    let mut walk = doc.traverse(root);
    while let Some(edge) = walk.next() {
        match edge {
            Edge::Open(x) => {
                if doc.element(x).is_none() || info[x.index()].skip || cuts[x.index()].is_some() {
                    walk.skip_children();
                }
            }
            Edge::Close(x) => {
                let i = &info[x.index()];
                if doc.element(x).is_none() || i.skip || cuts[x.index()].is_some() {
                    continue;
                }
                let (mut s, mut g, mut k) = (i.unit, i.unit.max(0.0), 0u32);
                for c in doc.children(x) {
                    s += score[c.index()];
                    g += good[c.index()];
                    k += if doc.element(c).is_some() {
                        kept[c.index()]
                    } else {
                        info[c.index()].chars
                    };
                }
                score[x.index()] = s;
                good[x.index()] = g;
                kept[x.index()] = k;
                if i.unit != 0.0 {
                    let mut a = Some(x);
                    for f in DECAY {
                        let Some(y) = a else { break };
                        seed[y.index()] += f * i.unit;
                        if y == root {
                            break;
                        }
                        a = doc.parent(y);
                    }
                }
            }
        }
    }

    let eligible = |x: NodeId| {
        let h = info[x.index()].hints;
        h & hint::CONTENT != 0 || h & (hint::NEGATIVE & !hint::BYLINE) == 0
    };
    let mut best: Option<(NodeId, f32)> = None;
    for x in doc.descendants(root) {
        if doc.element(x).is_none() || good[x.index()] <= 0.0 || !eligible(x) {
            continue;
        }
        let h = info[x.index()].hints;
        let bonus = if h & hint::CONTENT != 0 {
            CONTENT_BONUS
        } else if h & hint::MAYBE_CONTENT != 0 {
            MAYBE_CONTENT_BONUS
        } else {
            0.0
        };
        let ranked = seed[x.index()] + bonus * good[x.index()];
        if best.is_none_or(|(_, b)| ranked > b) {
            best = Some((x, ranked));
        }
    }
    // A page without a single prose unit (a stub, a gallery, a table) is taken whole,
    // minus the recognised boilerplate; the block filters trim it.
    let Some((mut best, _)) = best else {
        return Selection { nodes: vec![root] };
    };

    // Climb while the parent adds prose and is still mostly this container. Wrappers that add
    // nothing, or only a little furniture (a "Step 2" heading), are passed through; the
    // container is the node on the way with the best score.
    let mut cur = best;
    while cur != root {
        let Some(parent) = doc.parent(cur) else { break };
        if doc.element(parent).is_none() || cuts[parent.index()].is_some() {
            break;
        }
        let gain = score[parent.index()] - score[cur.index()];
        let (pc, cc) = (info[parent.index()].chars, info[cur.index()].chars);
        let share = cc as f32 / pc.max(1) as f32;
        // What the parent adds is itself mostly prose: the next part of a split article.
        let added_good = good[parent.index()] - good[cur.index()];
        let added_kept = kept[parent.index()].saturating_sub(kept[cur.index()]);
        let clean = added_good >= CLIMB_CLEAN_SHARE * added_kept as f32
            && added_good >= CLIMB_CLEAN_GAIN * good[cur.index()];
        let tolerance = CLIMB_TOLERANCE * score[best.index()].max(0.0);
        if gain < -tolerance || (share < CLIMB_MIN_SHARE && !clean) {
            break;
        }
        cur = parent;
        if score[cur.index()] > score[best.index()] {
            best = cur;
        }
    }

    // A table's body is not a container: the table is, so that it is read as a table (with
    // its caption and header) and not as loose lines. (A single row is a layout table's.)
    if matches!(doc.tag(best), Some(Tag::Tbody | Tag::Thead | Tag::Tfoot))
        && let Some(table) = doc.ancestors(best).find(|&a| doc.is(a, Tag::Table))
        && cuts[table.index()].is_none()
    {
        best = table;
    }

    // Siblings that continue the article (split bodies, paywall halves, ads in between).
    let mut nodes = Vec::new();
    let threshold = (tuning.sibling_share * score[best.index()]).max(50.0);
    match doc.parent(best).filter(|_| best != root) {
        Some(parent) => {
            for c in doc.children(parent) {
                if c == best {
                    nodes.push(c);
                    continue;
                }
                let ci = &info[c.index()];
                if doc.element(c).is_none()
                    || ci.skip
                    || cuts[c.index()].is_some()
                    || !eligible(c)
                    || ci.link_density() > 0.25
                {
                    continue;
                }
                if score[c.index()] > threshold {
                    nodes.push(c);
                }
            }
        }
        None => nodes.push(best),
    }
    if nodes.is_empty() || doc.is(best, Tag::Html) {
        nodes = vec![best];
    }
    Selection { nodes }
}

#[cfg(test)]
mod tests {
    use crate::{Options, extract};
    use newsdesk_model::Block;

    /// A page that is one list table: its rows' prose seeds the table body, and the table, not
    /// the body, must be the container so that it is read as a table.
    #[test]
    fn a_table_body_is_read_as_its_table() {
        let rows: String = (1..=8)
            .map(|i| {
                format!(
                    "<tr><td><a href=\"/walks/{i}\">Coast walk {i}</a></td><td>{i}0 km</td>\
                     <td>The path follows the cliffs from the harbour to the old quarry, then \
                     turns inland through the beech wood and returns along the river, with a \
                     steep climb of about a hundred metres in the middle section.</td></tr>"
                )
            })
            .collect();
        let html = format!(
            "<html><body><div class=\"walks\"><table><thead><tr><th>Walk</th><th>Length</th>\
             <th>Route</th></tr></thead><tbody>{rows}</tbody></table></div></body></html>"
        );
        let options = Options {
            explain: true,
            ..Default::default()
        };
        let a = extract(html.as_bytes(), &options).expect("page extracts");
        assert!(
            a.diagnostics
                .notes
                .iter()
                .any(|n| n.starts_with("container:") && n.ends_with("table")),
            "{:?}",
            a.diagnostics.notes
        );
        let Some(Block::Table { rows }) = a.blocks.first() else {
            panic!("a table block first: {:?}", a.blocks);
        };
        assert_eq!(rows.len(), 9);
        assert_eq!(rows[3][0].text, "Coast walk 3");
    }
}
