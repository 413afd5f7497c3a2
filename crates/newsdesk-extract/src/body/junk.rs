//! Pass 2: which subtrees are boilerplate, and why. Top-down: once a node is cut, nothing below
//! it is looked at. Each rule pairs a hint (class/id/role/tag) or a text pattern with a structural
//! confirmation, and no hinted rule may cut a subtree holding a large share of the page's prose.

use newsdesk_dom::{Document, Edge, NodeId, Tag};
use newsdesk_model::RemovalReason;

use super::features::{Info, is_block_tag};
use crate::text::{fold_ws, word_count};
use crate::vocab::body::{
    self as v, BOILERPLATE_LINE, CAPTION_FURNITURE, RAIL_HEADING, Tuning, hint,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cut {
    pub reason: RemovalReason,
    pub rule: &'static str,
}

/// Small elements are checked against text patterns; 200 visible characters covers every
/// widget and furniture line seen in the evaluation sets.
const SMALL_CHARS: u32 = 200;
const HEADLINE_CARDS: &str = "teaser cards (headline links)";
/// Hidden markup (`hidden`, `display:none`, `aria-hidden`) is cut whatever it holds, as
/// browsers and readability.js do: pages hide schema.org duplicates of the article and
/// unused templates there. Recall mode keeps hidden text holding most of the page's prose,
/// for pages that reveal their article by script.
const RECALL_HIDDEN_CAP: f32 = 0.5;
/// Template regions (sidebar, footer, widget, aside) are cut while they hold less than this
/// share of the page's prose; a short article beside a wordy sidebar still loses the sidebar.
const TEMPLATE_CAP: f32 = 0.4;
/// An `<aside>` whose own class, id or role also calls it a sidebar is furniture by two
/// independent signals, so it is cut up to a larger share: live tickers and most-read lists
/// there can outweigh a short article beside them (a 275-word story beside an 800-word ticker
/// in the readability set). Not beyond three quarters: an aside holding nearly all the prose
/// is where the page put its article.
const SIDEBAR_CAP: f32 = 0.75;
/// Comment threads can outgrow the article they follow (forums, popular blogs), so a
/// comments-hinted subtree is cut unless it holds nearly all of the page's prose.
const COMMENTS_CAP: f32 = 0.9;

pub(crate) struct Judge<'a> {
    pub doc: &'a Document,
    pub info: &'a [Info],
    pub tuning: &'a Tuning,
    /// Positive unit weight of the page's prose that the rules may keep (hidden subtrees
    /// excluded outside recall mode): the denominator of every share cap.
    pub page_good: f32,
    pub recall: bool,
    /// Host of the page URL, when known.
    pub host: Option<&'a str>,
    /// Path of the page URL, when known.
    pub path: Option<&'a str>,
    /// The page is a live blog: its timestamps are content.
    pub live: bool,
}

impl Judge<'_> {
    /// Marks cut subtrees: `cuts[n]` is set on the topmost node of each.
    pub fn mark(&self, root: NodeId) -> Vec<Option<Cut>> {
        let doc = self.doc;
        let mut cuts: Vec<Option<Cut>> = vec![None; doc.len()];
        let mut walk = doc.traverse(root);
        while let Some(edge) = walk.next() {
            let Edge::Open(n) = edge else { continue };
            let i = &self.info[n.index()];
            if doc.element(n).is_none() || i.skip {
                walk.skip_children();
                continue;
            }
            if n != root
                && let Some(cut) = self.judge(n)
            {
                cuts[n.index()] = Some(cut);
                walk.skip_children();
            }
        }
        cuts
    }

    fn share(&self, i: &Info) -> f32 {
        if self.page_good <= 0.0 {
            0.0
        } else {
            i.good / self.page_good
        }
    }

    fn judge(&self, n: NodeId) -> Option<Cut> {
        let doc = self.doc;
        let i = &self.info[n.index()];
        let tag = doc.tag(n)?;
        if i.chars == 0 {
            return None;
        }
        let cap = self.tuning.max_cut_share;
        let h = i.hints;
        let content = h & hint::CONTENT != 0;
        let cut = |reason, rule| Some(Cut { reason, rule });

        // Hinted rules, each with its structural confirmation.
        if h & hint::HIDDEN != 0 && (!self.recall || self.share(i) < RECALL_HIDDEN_CAP) {
            return cut(RemovalReason::Hidden, "hidden");
        }
        if !content && h & hint::NEGATIVE != 0 {
            let share = self.share(i);
            let ld = i.link_density();
            if h & hint::COMMENTS != 0 && share < COMMENTS_CAP && !self.is_inline_mention(n) {
                return cut(RemovalReason::Comments, "comments");
            }
            if h & hint::CONSENT != 0 && i.chars < 2000 && share < cap {
                return cut(RemovalReason::Consent, "consent");
            }
            if h & hint::NEWSLETTER != 0 && i.good < 600.0 && share < cap {
                return cut(RemovalReason::Newsletter, "newsletter");
            }
            if h & hint::SHARE != 0
                && ((i.chars < 300 && i.good < 60.0) || ld > 0.5 || self.share_words(n))
                && share < cap
            {
                return cut(RemovalReason::ShareWidget, "share");
            }
            if h & hint::AD != 0 && (i.chars < 400 || ld > 0.5) && share < cap {
                return cut(RemovalReason::Advertisement, "ad");
            }
            if h & hint::RELATED != 0 && (ld > 0.25 || i.good < 150.0) && share < cap {
                return cut(RemovalReason::TeaserRail, "related");
            }
            if h & (hint::NAVIGATION | hint::PAGER | hint::TAGS) != 0
                && i.links > 0
                && (ld > 0.4 || i.chars < 100)
                && share < cap
            {
                return cut(RemovalReason::Navigation, "navigation");
            }
            if h & hint::AUTHOR_BIO != 0 && i.chars < 800 && share < cap {
                return cut(RemovalReason::Metadata, "author-bio");
            }
            let live_stamp = self.live
                && doc
                    .descendants(n)
                    .any(|d| doc.is(d, Tag::Time) || self.info[d.index()].hints & hint::LIVE != 0);
            if h & hint::BYLINE != 0 && i.good < 100.0 && i.chars < 300 && !live_stamp {
                return cut(RemovalReason::Metadata, "byline");
            }
            if h & hint::TEMPLATE != 0 && share < TEMPLATE_CAP {
                return cut(RemovalReason::Template, "template");
            }
            if tag == Tag::Aside && share < SIDEBAR_CAP && self.markup_says_sidebar(n) {
                return cut(RemovalReason::Template, "sidebar aside");
            }
        }
        // A page or article header without a line of prose; a standfirst under the headline
        // is prose and keeps its header.
        if tag == Tag::Header && i.good == 0.0 {
            return cut(RemovalReason::Template, "header");
        }
        if tag == Tag::Form && i.good < 150.0 && self.share(i) < 0.1 {
            return cut(RemovalReason::Template, "form");
        }

        // Structure and text alone.
        if i.chars <= SMALL_CHARS && is_block_tag(tag) {
            let parent_small = doc
                .parent(n)
                .is_some_and(|p| self.info[p.index()].chars <= SMALL_CHARS);
            if !parent_small {
                let text = fold_ws(&doc.text_content(n));
                if is_share_widget(&text) {
                    return cut(RemovalReason::ShareWidget, "share words");
                }
                if CAPTION_FURNITURE.is_match(&text) {
                    return cut(RemovalReason::CaptionFurniture, "caption furniture");
                }
                if word_count(&text) <= 12 && BOILERPLATE_LINE.is_match(&text) {
                    let reason = if text.to_lowercase().contains("advert")
                        || text.to_lowercase().contains("anzeige")
                    {
                        RemovalReason::Advertisement
                    } else {
                        RemovalReason::Boilerplate
                    };
                    return cut(reason, "boilerplate line");
                }
            }
        }
        // Clipped snippets or a rail heading are proof enough; headline links alone are not,
        // so that rule may not cut the page's main prose.
        if let Some(rule) = self
            .teaser_rail(n)
            .filter(|r| *r != HEADLINE_CARDS || self.share(i) < cap)
        {
            return cut(RemovalReason::TeaserRail, rule);
        }
        if self.link_list(n) && self.share(i) < self.tuning.max_cut_share {
            return cut(RemovalReason::Navigation, "link list");
        }
        None
    }

    /// Class, id or role of `n` carry a template hint (the tag's own hint aside).
    fn markup_says_sidebar(&self, n: NodeId) -> bool {
        let Some(el) = self.doc.element(n) else {
            return false;
        };
        el.attrs.iter().any(|a| match &*a.name {
            "role" => v::role_hints(&a.value) & hint::TEMPLATE != 0,
            "class" | "id" => {
                v::attribute_hints(&a.value.to_ascii_lowercase()) & hint::TEMPLATE != 0
            }
            _ => false,
        })
    }

    fn share_words(&self, n: NodeId) -> bool {
        self.info[n.index()].chars <= SMALL_CHARS
            && is_share_widget(&fold_ws(&self.doc.text_content(n)))
    }

    /// "comment" in a class also names inline things such as "comment-count" links inside a
    /// byline; those are small and not comment threads, but cutting them is harmless either way.
    fn is_inline_mention(&self, n: NodeId) -> bool {
        !self.doc.tag(n).is_some_and(is_block_tag)
    }

    /// A list or container made of links, with little text of its own.
    fn link_list(&self, n: NodeId) -> bool {
        let i = &self.info[n.index()];
        let tag = self.doc.tag(n);
        if !matches!(
            tag,
            Some(Tag::Ul | Tag::Ol | Tag::Div | Tag::Section | Tag::Nav | Tag::Table | Tag::Dl)
        ) {
            return false;
        }
        let plain = i.chars.saturating_sub(i.link_chars);
        i.links >= 3 && i.link_density() >= 0.75 && plain < 120
    }

    /// A rail of teaser cards: repeated sibling elements, each short, each with a link, and
    /// either clipped snippets, headings inside the cards, or a rail heading above them.
    fn teaser_rail(&self, n: NodeId) -> Option<&'static str> {
        let doc = self.doc;
        let i = &self.info[n.index()];
        if i.links < 2 || i.chars == 0 {
            return None;
        }
        // The cards may sit one wrapper below (ul > li, div > div.items > div).
        let mut parent = n;
        let mut kids: Vec<NodeId> = doc
            .child_elements(n)
            .filter(|&c| !self.info[c.index()].skip && self.info[c.index()].chars > 0)
            .collect();
        if kids.len() == 1 {
            parent = kids[0];
            kids = doc
                .child_elements(parent)
                .filter(|&c| !self.info[c.index()].skip && self.info[c.index()].chars > 0)
                .collect();
        }
        // A container with paragraphs of prose of its own is an article body, whatever else
        // it holds.
        if kids
            .iter()
            .any(|&k| doc.is(k, Tag::P) && self.info[k.index()].unit > 0.0)
        {
            return None;
        }
        let heading = self.rail_heading(n, parent);
        let min_cards = if heading { 2 } else { v::RAIL_MIN_CARDS };
        if kids.len() < min_cards {
            return None;
        }
        let mut cards = 0usize;
        let mut clipped = 0usize;
        let mut titled = 0usize;
        let mut internal = 0usize;
        let mut card_chars = 0u32;
        let mut card_words = 0usize;
        for &k in &kids {
            let ki = &self.info[k.index()];
            let ktag = doc.tag(k)?;
            if matches!(
                ktag,
                Tag::P | Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6
            ) || ki.links == 0
                || ki.chars > (v::CARD_MAX_WORDS * 9) as u32
            {
                continue;
            }
            let text = doc.text_content(k);
            let words = word_count(&text);
            if words > v::CARD_MAX_WORDS {
                continue;
            }
            cards += 1;
            card_chars += ki.chars;
            card_words += words;
            if v::ends_clipped(&text) {
                clipped += 1;
            }
            if let Some(link) = self.headline_link(k) {
                // A card whose headline links to this very page is the article itself (blog
                // titles are permalinks): what holds it is the article's column, not a rail.
                if self.is_self_link(link) {
                    return None;
                }
                titled += 1;
                if self.is_internal_link(link) {
                    internal += 1;
                }
            }
        }
        if cards < min_cards || (card_chars as f32) < 0.6 * i.chars as f32 {
            return None;
        }
        // Cards must dominate the siblings and carry the signs of teasers.
        if cards * 10 < kids.len() * 6 {
            return None;
        }
        if clipped * 2 >= cards {
            return Some("teaser cards (clipped snippets)");
        }
        if heading && titled * 2 >= cards {
            return Some("teaser cards (rail heading)");
        }
        if titled == cards
            && internal * 3 >= cards * 2
            && card_words <= cards * v::CARD_TYPICAL_WORDS
        {
            return Some(HEADLINE_CARDS);
        }
        None
    }

    /// A card's headline link: a link of at least two words that is a heading, sits in one, or
    /// stands alone as a block. A link inside running text ("<li><b><a>Lead.</a></b> More
    /// text</li>") is a list item's lead, not a teaser headline.
    fn headline_link(&self, card: NodeId) -> Option<NodeId> {
        let doc = self.doc;
        for d in doc.descendants(card) {
            if !doc.is(d, Tag::A) || doc.attr(d, "href").is_none() {
                continue;
            }
            let li = &self.info[d.index()];
            if li.chars < 8 {
                continue;
            }
            let is_heading = |x: NodeId| doc.tag(x).is_some_and(|t| t.heading_level().is_some());
            let in_heading = doc.ancestors(d).take_while(|&a| a != card).any(is_heading)
                || doc.descendants(d).any(is_heading);
            let standalone = doc
                .ancestors(d)
                .find(|&a| self.info[a.index()].block)
                .is_some_and(|b| {
                    let bi = &self.info[b.index()];
                    bi.own_chars == bi.own_link_chars && bi.own_chars > 0
                });
            if (in_heading || standalone) && word_count(&doc.text_content(d)) >= 2 {
                return Some(d);
            }
        }
        None
    }

    /// Links to the same site (relative, or same host as the page): teasers recirculate.
    fn is_internal_link(&self, a: NodeId) -> bool {
        let Some(href) = self.doc.attr(a, "href") else {
            return false;
        };
        let href = href.trim();
        if href.starts_with('/') && !href.starts_with("//") {
            return true;
        }
        if !href.contains("://") && !href.starts_with("//") {
            return !href.starts_with('#')
                && !href.starts_with("mailto:")
                && !href.starts_with("javascript:");
        }
        let host = href
            .split("//")
            .nth(1)
            .and_then(|r| r.split(['/', '?', '#']).next())
            .unwrap_or("");
        match self.host {
            Some(h) => registrable(host) == registrable(h),
            None => false,
        }
    }

    /// A link to the page itself: same path (trailing slash, query and fragment aside), and
    /// relative or on the page's host.
    fn is_self_link(&self, a: NodeId) -> bool {
        let (Some(href), Some(path)) = (self.doc.attr(a, "href"), self.path) else {
            return false;
        };
        let href = href.trim();
        let rest = if let Some(i) = href.find("//") {
            if href[..i].contains(['/', '?', '#']) {
                return false;
            }
            let after = &href[i + 2..];
            let split = after.find(['/', '?', '#']).unwrap_or(after.len());
            if self.host != Some(&after[..split]) {
                return false;
            }
            &after[split..]
        } else if href.starts_with('/') {
            href
        } else {
            return false;
        };
        let link_path = rest.split(['?', '#']).next().unwrap_or("");
        link_path.len() > 1 && link_path.trim_end_matches('/') == path.trim_end_matches('/')
    }

    /// The rail's heading: a heading or short first child in the container, or the heading
    /// immediately before it.
    fn rail_heading(&self, n: NodeId, inner: NodeId) -> bool {
        let doc = self.doc;
        let check = |h: NodeId| {
            let hi = &self.info[h.index()];
            hi.chars > 0 && hi.chars < 60 && RAIL_HEADING.is_match(&fold_ws(&doc.text_content(h)))
        };
        let first_of = |p: NodeId| {
            doc.child_elements(p)
                .find(|&c| !self.info[c.index()].skip && self.info[c.index()].chars > 0)
        };
        if first_of(n).is_some_and(check) || (inner != n && first_of(inner).is_some_and(check)) {
            return true;
        }
        let mut prev = doc.prev_sibling(n);
        while let Some(p) = prev {
            if doc.element(p).is_some() {
                let pi = &self.info[p.index()];
                if pi.skip || pi.chars == 0 {
                    prev = doc.prev_sibling(p);
                    continue;
                }
                return check(p);
            }
            prev = doc.prev_sibling(p);
        }
        false
    }
}

/// Short text made only of share/follow words ("Share and Follow", "Tweet Email Print").
pub(crate) fn is_share_widget(text: &str) -> bool {
    let lower = text.to_lowercase();
    let mut words = 0;
    let mut strong = 0;
    for w in lower.split(|c: char| !c.is_alphanumeric() && c != '-') {
        if w.is_empty() {
            continue;
        }
        words += 1;
        if words > v::SHARE_MAX_WORDS {
            return false;
        }
        if v::SHARE_STRONG.contains(&w) {
            strong += 1;
        } else if !v::SHARE_FILLER.contains(&w) && !w.chars().all(|c| c.is_ascii_digit()) {
            return false;
        }
    }
    strong > 0
}

/// The last two labels of a host ("www.example.co.uk" -> "co.uk" is wrong but consistent on
/// both sides of a comparison; good enough to tell a site's own links from others').
fn registrable(host: &str) -> &str {
    let host = host.trim_end_matches('.');
    let mut dots = host.rmatch_indices('.');
    match (dots.next(), dots.next()) {
        (Some(_), Some((i, _))) => &host[i + 1..],
        _ => host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_widgets_by_words() {
        assert!(is_share_widget("Share and Follow"));
        assert!(is_share_widget(
            "Share this article: Facebook Twitter Email Print"
        ));
        assert!(is_share_widget("Teilen auf Facebook"));
        assert!(is_share_widget(
            "Print this story | E-mail this story | Write a letter to the editor"
        ));
        assert!(!is_share_widget("Share prices fell sharply on Friday."));
        assert!(!is_share_widget("Follow the money, investigators said."));
        assert!(!is_share_widget(""));
    }
}
