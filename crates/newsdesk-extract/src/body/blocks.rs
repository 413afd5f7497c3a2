//! Walks the chosen container into [`Block`]s, leaving out cut subtrees (recorded when
//! explaining) and keeping captions, credits and figures as their own kinds.

use newsdesk_dom::{Document, Edge, NodeId, NodeKind, Tag};
use newsdesk_model::{Block, Cell, Figure, RemovalReason, Removed};
use url::Url;

use super::features::{Info, is_block_tag, is_link};
use super::junk::Cut;
use crate::text::{fold_ws, is_invisible, is_space};
use crate::vocab::body::{
    CAPTION_CREDIT, CAPTION_FURNITURE, DATA_TABLE_MAX_CELL_SHARE, DATA_TABLE_MIN_ROWS,
    PROSE_CELL_CHARS, hint,
};

/// A block with the facts the filters need.
#[derive(Clone, Debug)]
pub(crate) struct RawBlock {
    pub block: Block,
    pub chars: usize,
    pub link_chars: usize,
}

impl RawBlock {
    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

/// Removed text is kept short: enough to recognise it.
const REMOVED_TEXT_CHARS: usize = 300;

pub(crate) fn removed(reason: RemovalReason, rule: &str, text: &str) -> Removed {
    let mut t = fold_ws(text);
    if t.chars().count() > REMOVED_TEXT_CHARS {
        t = t.chars().take(REMOVED_TEXT_CHARS).collect::<String>() + "…";
    }
    Removed {
        reason,
        rule: rule.to_owned(),
        text: t,
    }
}

/// A step of the block walk.
enum Step {
    Enter(NodeId),
    LeaveLink,
    LeaveBlock,
}

/// Inline text being gathered into one block.
#[derive(Default)]
struct Inline {
    text: String,
    chars: usize,
    link_chars: usize,
    space: bool,
}

impl Inline {
    fn push_text(&mut self, s: &str, in_link: bool) {
        for c in s.chars() {
            if is_space(c) {
                self.space = true;
            } else if !is_invisible(c) {
                if self.space && !self.text.is_empty() && !self.text.ends_with('\n') {
                    self.text.push(' ');
                }
                self.space = false;
                self.text.push(c);
                self.chars += 1;
                if in_link {
                    self.link_chars += 1;
                }
            }
        }
    }

    fn newline(&mut self) {
        while self.text.ends_with(' ') {
            self.text.pop();
        }
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.space = false;
    }

    fn take(&mut self) -> Inline {
        std::mem::take(self)
    }
}

pub(crate) struct Builder<'a> {
    pub doc: &'a Document,
    pub info: &'a [Info],
    pub cuts: &'a [Option<Cut>],
    pub base: Option<&'a Url>,
    pub explain: bool,
    pub blocks: Vec<RawBlock>,
    pub removed: Vec<Removed>,
    /// Where block-level cuts happened: (number of blocks before the cut, reason). A heading
    /// right before a cut introduced what was cut.
    pub cut_marks: Vec<(usize, RemovalReason)>,
    inline: Inline,
    link_depth: u32,
    /// Figures met inside a paragraph, emitted after it.
    pending: Vec<RawBlock>,
}

impl<'a> Builder<'a> {
    pub fn new(
        doc: &'a Document,
        info: &'a [Info],
        cuts: &'a [Option<Cut>],
        base: Option<&'a Url>,
        explain: bool,
    ) -> Self {
        Builder {
            doc,
            info,
            cuts,
            base,
            explain,
            blocks: Vec::new(),
            removed: Vec::new(),
            cut_marks: Vec::new(),
            inline: Inline::default(),
            link_depth: 0,
            pending: Vec::new(),
        }
    }

    /// Walks one chosen node (call in document order), then flushes. Iterative: an explicit
    /// stack of steps, so nesting depth costs heap, not call stack.
    pub fn build(&mut self, root: NodeId) {
        let mut stack = vec![Step::Enter(root)];
        while let Some(step) = stack.pop() {
            match step {
                Step::Enter(n) => self.enter(n, &mut stack),
                Step::LeaveLink => self.link_depth = self.link_depth.saturating_sub(1),
                Step::LeaveBlock => self.flush(),
            }
        }
        self.flush();
    }

    /// Schedules `n`'s children, first child on top.
    fn push_children(&self, n: NodeId, stack: &mut Vec<Step>) {
        let mut c = self.doc.last_child(n);
        while let Some(k) = c {
            stack.push(Step::Enter(k));
            c = self.doc.prev_sibling(k);
        }
    }

    /// Walks `n`'s children as a block: flushed before and after.
    fn push_block(&mut self, n: NodeId, stack: &mut Vec<Step>) {
        self.flush();
        stack.push(Step::LeaveBlock);
        self.push_children(n, stack);
    }

    fn flush(&mut self) {
        let inline = self.inline.take();
        let text = inline.text.trim_matches(|c: char| c == '\n' || c == ' ');
        if !text.is_empty() {
            self.blocks.push(RawBlock {
                block: Block::Paragraph {
                    text: text.to_owned(),
                },
                chars: inline.chars,
                link_chars: inline.link_chars,
            });
        }
        self.blocks.append(&mut self.pending);
    }

    fn record(&mut self, n: NodeId, reason: RemovalReason, rule: &str) {
        if self.explain {
            let text = self.doc.text_content(n);
            if !text.trim().is_empty() {
                let rule = format!("{rule} @ {}", selector(self.doc, n));
                self.removed.push(removed(reason, &rule, &text));
            }
        }
    }

    fn enter(&mut self, n: NodeId, stack: &mut Vec<Step>) {
        let doc = self.doc;
        let el = match doc.kind(n) {
            NodeKind::Text(t) => {
                let in_link = self.link_depth > 0;
                self.inline.push_text(t, in_link);
                return;
            }
            NodeKind::Element(el) => el,
            _ => return,
        };
        let i = self.info[n.index()];
        if i.skip {
            return;
        }
        if let Some(cut) = self.cuts[n.index()] {
            if i.block && i.chars > 0 {
                self.flush();
                self.cut_marks.push((self.blocks.len(), cut.reason));
            }
            self.record(n, cut.reason, cut.rule);
            return;
        }
        let tag = el.tag;
        match tag {
            // Two breaks in a row end a paragraph (`<br><br>` layouts).
            Tag::Br if self.inline.text.ends_with('\n') => self.flush(),
            Tag::Br => self.inline.newline(),
            Tag::A if is_link(el) => {
                self.link_depth += 1;
                stack.push(Step::LeaveLink);
                self.push_children(n, stack);
            }
            // An image inside a link to a page is a tile (product, teaser, ad), not a figure;
            // one linking to its own full-size file is a figure.
            Tag::Img | Tag::Picture if self.link_depth > 0 && !self.links_to_image(n) => {}
            Tag::Img | Tag::Picture => {
                if let Some(fig) = self.image_figure(n) {
                    if self.inline.text.trim().is_empty() {
                        self.flush();
                        self.blocks.push(fig);
                    } else {
                        self.pending.push(fig);
                    }
                }
            }
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 => {
                self.flush();
                let t = collect(doc, self.info, self.cuts, n, " ");
                if !t.text.is_empty() {
                    self.blocks.push(RawBlock {
                        block: Block::Heading {
                            level: tag.heading_level().unwrap_or(2),
                            text: t.text,
                        },
                        chars: t.chars,
                        link_chars: t.link_chars,
                    });
                }
            }
            Tag::Ul | Tag::Ol => {
                self.flush();
                self.list(n, tag == Tag::Ol);
            }
            Tag::Blockquote => {
                self.flush();
                let t = collect(doc, self.info, self.cuts, n, "\n\n");
                if !t.text.is_empty() {
                    self.blocks.push(RawBlock {
                        block: Block::Quote { text: t.text },
                        chars: t.chars,
                        link_chars: t.link_chars,
                    });
                }
            }
            Tag::Pre => {
                self.flush();
                let raw = doc.text_content(n);
                let text = raw.trim_matches('\n').trim_end();
                if !text.trim().is_empty() {
                    self.blocks.push(RawBlock {
                        block: Block::Preformatted {
                            text: text.to_owned(),
                        },
                        chars: crate::text::visible_len(text),
                        link_chars: 0,
                    });
                }
            }
            Tag::Table => {
                self.flush();
                if !self.data_table(n) {
                    self.push_block(n, stack);
                }
            }
            Tag::Figure => {
                self.flush();
                if !self.figure(n) {
                    self.push_block(n, stack);
                }
            }
            _ if i.hints & (hint::CAPTION | hint::CREDIT) != 0 && is_block_tag(tag) => {
                self.flush();
                if self.contains_image(n) {
                    if !self.figure(n) {
                        self.push_block(n, stack);
                    }
                } else {
                    self.caption(n, i.hints & hint::CAPTION == 0);
                }
            }
            _ if is_block_tag(tag) => self.push_block(n, stack),
            _ => self.push_children(n, stack),
        }
    }

    fn list(&mut self, n: NodeId, ordered: bool) {
        let doc = self.doc;
        let mut items = Vec::new();
        let (mut chars, mut link_chars) = (0, 0);
        for c in doc.child_elements(n) {
            if self.info[c.index()].skip {
                continue;
            }
            if let Some(cut) = self.cuts[c.index()] {
                self.record(c, cut.reason, cut.rule);
                continue;
            }
            let t = collect(doc, self.info, self.cuts, c, " ");
            if !t.text.is_empty() {
                chars += t.chars;
                link_chars += t.link_chars;
                items.push(t.text);
            }
        }
        if !items.is_empty() {
            self.blocks.push(RawBlock {
                block: Block::List { ordered, items },
                chars,
                link_chars,
            });
        }
    }

    /// Emits a table block for data tables; returns false for layout tables (walked as
    /// containers instead).
    fn data_table(&mut self, n: NodeId) -> bool {
        let doc = self.doc;
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        let (mut chars, mut link_chars) = (0, 0);
        let mut max_cells = 0;
        // The largest cell holding prose, and all cells' characters.
        let (mut prose_cell, mut cell_chars) = (0u32, 0u32);
        for d in doc.descendants(n).skip(1) {
            match doc.tag(d) {
                Some(Tag::Table) => return false,
                Some(Tag::Tr) => rows.push(Vec::new()),
                Some(t @ (Tag::Td | Tag::Th)) => {
                    let ci = &self.info[d.index()];
                    cell_chars = cell_chars.saturating_add(ci.chars);
                    if ci.own_chars > PROSE_CELL_CHARS || ci.good > PROSE_CELL_CHARS as f32 {
                        prose_cell = prose_cell.max(ci.chars.max(ci.own_chars));
                    }
                    let c = collect(doc, self.info, self.cuts, d, " ");
                    chars += c.chars;
                    link_chars += c.link_chars;
                    if let Some(row) = rows.last_mut() {
                        row.push(Cell {
                            text: c.text,
                            header: t == Tag::Th,
                        });
                        max_cells = max_cells.max(row.len());
                    }
                }
                _ => {}
            }
        }
        rows.retain(|r| r.iter().any(|c| !c.text.is_empty()));
        if max_cells < 2 || rows.is_empty() {
            return false;
        }
        // A cell holding paragraphs of prose is page layout, not data; unless it is one of many
        // rows and holds a small share of the table (a list's "Notes" column).
        if prose_cell > 0
            && (rows.len() < DATA_TABLE_MIN_ROWS
                || prose_cell as f32 > DATA_TABLE_MAX_CELL_SHARE * cell_chars as f32)
        {
            return false;
        }
        self.blocks.push(RawBlock {
            block: Block::Table { rows },
            chars,
            link_chars,
        });
        true
    }

    fn contains_image(&self, n: NodeId) -> bool {
        self.doc
            .descendants(n)
            .any(|d| matches!(self.doc.tag(d), Some(Tag::Img | Tag::Picture)))
    }

    /// A `<figure>` (or captioned image wrapper): image, caption, credit. Returns false for
    /// figures that wrap other content (quotes, tables, long text): walk those as containers.
    fn figure(&mut self, n: NodeId) -> bool {
        let doc = self.doc;
        let mut img = None;
        let mut caption_nodes = Vec::new();
        let mut credit_nodes = Vec::new();
        let mut other_text = 0u32;
        let mut wraps_blocks = false;
        let mut walk = doc.traverse(n);
        while let Some(edge) = walk.next() {
            let Edge::Open(d) = edge else { continue };
            if d == n {
                continue;
            }
            let Some(tag) = doc.tag(d) else {
                if let Some(t) = doc.text(d) {
                    other_text += crate::text::visible_len(t) as u32;
                }
                continue;
            };
            let di = &self.info[d.index()];
            if self.cuts[d.index()].is_some() {
                walk.skip_children();
                continue;
            }
            if tag == Tag::Noscript {
                // Lazy-loading pages keep the real <img> in <noscript>.
                if img.is_none() {
                    img = doc.descendants(d).find(|&x| doc.is(x, Tag::Img));
                }
                walk.skip_children();
                continue;
            }
            if di.skip {
                walk.skip_children();
                continue;
            }
            let descend = match tag {
                Tag::Img => {
                    if img.is_none() || self.img_src(img).is_none() {
                        img = Some(d);
                    }
                    false
                }
                Tag::Figcaption => {
                    caption_nodes.push(d);
                    false
                }
                Tag::Blockquote | Tag::Table | Tag::P | Tag::Ul | Tag::Ol | Tag::Pre
                    if di.chars > 0
                        && caption_nodes.is_empty()
                        && di.hints & hint::CAPTION == 0 =>
                {
                    wraps_blocks = true;
                    false
                }
                _ if di.hints & hint::CREDIT != 0 && di.hints & hint::CAPTION == 0 => {
                    credit_nodes.push(d);
                    false
                }
                _ if di.hints & hint::CAPTION != 0 => {
                    caption_nodes.push(d);
                    false
                }
                _ => true,
            };
            if !descend {
                walk.skip_children();
            }
        }
        if wraps_blocks || other_text > 300 {
            return false;
        }
        let mut fig = Figure::default();
        if let Some(i) = img {
            fig.src = self.img_src(Some(i));
            fig.alt = doc.attr(i, "alt").map(fold_ws).filter(|a| !a.is_empty());
        }
        let mut caption = String::new();
        let mut credit = String::new();
        for c in caption_nodes {
            let (cap, cred) = self.caption_parts(c);
            join_into(&mut caption, &cap);
            join_into(&mut credit, &cred);
        }
        for c in credit_nodes {
            let t = collect(doc, self.info, self.cuts, c, " ").text;
            join_into(&mut credit, &t);
        }
        if other_text > 0 && caption.is_empty() {
            // Bare text beside the image is its caption (common in CMS wrappers).
            let t = collect(doc, self.info, self.cuts, n, " ").text;
            let t = if credit.is_empty() {
                t
            } else {
                t.replace(&credit, "").trim().to_owned()
            };
            if !CAPTION_FURNITURE.is_match(&t) {
                caption = t;
            }
        }
        self.push_figure(fig, caption, credit);
        true
    }

    fn push_figure(&mut self, mut fig: Figure, caption: String, credit: String) {
        let (caption, credit) = if credit.is_empty() {
            split_credit(&caption)
        } else {
            (caption, credit)
        };
        fig.caption = Some(caption).filter(|c| !c.is_empty());
        fig.credit = Some(credit).filter(|c| !c.is_empty());
        if fig.src.is_none() && fig.caption.is_none() && fig.credit.is_none() {
            return;
        }
        let chars = fig.caption.as_deref().map_or(0, crate::text::visible_len);
        self.blocks.push(RawBlock {
            block: Block::Figure(fig),
            chars,
            link_chars: 0,
        });
    }

    /// Caption text and explicit credit text of a caption element.
    fn caption_parts(&self, c: NodeId) -> (String, String) {
        let doc = self.doc;
        let mut credit = String::new();
        let mut skip = Vec::new();
        for d in doc.descendants(c).skip(1) {
            let di = &self.info[d.index()];
            if doc.element(d).is_none() || di.chars == 0 {
                continue;
            }
            // Controls inside a caption block ("hide caption", "toggle caption", "1 of 12").
            if di.chars < 40 && CAPTION_FURNITURE.is_match(&fold_ws(&doc.text_content(d))) {
                skip.push(d);
                continue;
            }
            if di.hints & hint::CREDIT != 0 && di.hints & hint::CAPTION == 0 {
                join_into(
                    &mut credit,
                    &collect(doc, self.info, self.cuts, d, " ").text,
                );
                skip.push(d);
            }
        }
        let mut t = collect_except(doc, self.info, self.cuts, c, " ", &skip).text;
        if CAPTION_FURNITURE.is_match(&t) {
            t.clear();
        }
        (t, credit)
    }

    /// A caption or credit standing outside a figure: joins the figure just before it.
    fn caption(&mut self, n: NodeId, credit_only: bool) {
        let (caption, credit) = if credit_only {
            (
                String::new(),
                collect(self.doc, self.info, self.cuts, n, " ").text,
            )
        } else {
            self.caption_parts(n)
        };
        if caption.is_empty() && credit.is_empty() {
            return;
        }
        if let Some(RawBlock {
            block: Block::Figure(f),
            chars,
            ..
        }) = self.blocks.last_mut()
        {
            let (cap, cred) = if credit.is_empty() {
                split_credit(&caption)
            } else {
                (caption, credit)
            };
            if f.caption.is_none() && !cap.is_empty() {
                *chars = crate::text::visible_len(&cap);
                f.caption = Some(cap);
            }
            if f.credit.is_none() && !cred.is_empty() {
                f.credit = Some(cred);
            }
            return;
        }
        self.push_figure(Figure::default(), caption, credit);
    }

    fn links_to_image(&self, n: NodeId) -> bool {
        let doc = self.doc;
        doc.ancestors(n)
            .find(|&a| doc.element(a).is_some_and(is_link))
            .and_then(|a| doc.attr(a, "href"))
            .is_some_and(|href| {
                let path = href
                    .split(['?', '#'])
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"]
                    .iter()
                    .any(|ext| path.ends_with(ext))
            })
    }

    fn image_figure(&self, n: NodeId) -> Option<RawBlock> {
        let img = if self.doc.is(n, Tag::Picture) {
            self.doc.descendants(n).find(|&d| self.doc.is(d, Tag::Img))
        } else {
            Some(n)
        };
        let src = self.img_src(img)?;
        let img = img?;
        // Icons, spacers and tracking pixels are not figures.
        let small = |a: &str| {
            self.doc
                .attr(img, a)
                .and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok())
                .is_some_and(|v| v < 50)
        };
        if small("width") || small("height") {
            return None;
        }
        Some(RawBlock {
            block: Block::Figure(Figure {
                src: Some(src),
                alt: self
                    .doc
                    .attr(img, "alt")
                    .map(fold_ws)
                    .filter(|a| !a.is_empty()),
                caption: None,
                credit: None,
            }),
            chars: 0,
            link_chars: 0,
        })
    }

    /// The real image URL: lazy-loading attributes first, then `srcset`, then `src`;
    /// `data:` placeholders are ignored. Resolved against the page URL when known.
    fn img_src(&self, img: Option<NodeId>) -> Option<String> {
        let img = img?;
        let doc = self.doc;
        let from_srcset = |s: &str| {
            s.split(',')
                .filter_map(|c| c.split_whitespace().next())
                .next_back()
                .map(str::to_owned)
        };
        let candidates = [
            doc.attr(img, "data-src").map(str::to_owned),
            doc.attr(img, "data-original").map(str::to_owned),
            doc.attr(img, "data-lazy-src").map(str::to_owned),
            doc.attr(img, "data-srcset").and_then(from_srcset),
            doc.attr(img, "src").map(str::to_owned),
            doc.attr(img, "srcset").and_then(from_srcset),
        ];
        let raw = candidates
            .into_iter()
            .flatten()
            .map(|s| s.trim().to_owned())
            .find(|s| !s.is_empty() && !s.starts_with("data:") && !s.starts_with("about:"))?;
        Some(match self.base {
            Some(b) => b.join(&raw).map(|u| u.to_string()).unwrap_or(raw),
            None => raw,
        })
    }
}

fn join_into(acc: &mut String, s: &str) {
    let s = s.trim();
    if s.is_empty() || acc.contains(s) {
        return;
    }
    if !acc.is_empty() {
        acc.push(' ');
    }
    acc.push_str(s);
}

/// Longest credit [`CAPTION_CREDIT`] can match, with room to spare.
const CREDIT_TAIL_BYTES: usize = 240;

/// Whether [`CAPTION_CREDIT`] can match: each of its forms needs a closing parenthesis at the
/// end, a slash, a "©" or a credit word. The regex costs ~200,000 instructions a call (its
/// bounded repetitions defeat the lazy DFA), so this cheap test spares most paragraphs.
fn might_have_credit(text: &str) -> bool {
    text.trim_end().ends_with(')') || text.contains(['/', '©']) || CREDIT_WORDS.is_match(text)
}

static CREDIT_WORDS: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([
                "photo", "image", "picture", "credit", "courtesy", "foto", "bild", "quelle",
                "source",
            ])
            .expect("static credit words")
    });

/// Splits a trailing photo credit off a caption.
pub(crate) fn split_credit(caption: &str) -> (String, String) {
    // The credit pattern is anchored at the end and at most ~180 bytes long: search the tail.
    let mut from = caption.len().saturating_sub(CREDIT_TAIL_BYTES);
    while !caption.is_char_boundary(from) {
        from += 1;
    }
    let tail = &caption[from..];
    if might_have_credit(tail)
        && let Some(m) = CAPTION_CREDIT.find(tail)
        && from + m.start() > 0
    {
        let cap = caption[..from + m.start()].trim().to_owned();
        let cred = m.as_str().trim().to_owned();
        return (cap, cred);
    }
    (caption.trim().to_owned(), String::new())
}

/// Text of a subtree without its cut or skipped parts, with `sep` at block boundaries.
pub(crate) struct Collected {
    pub text: String,
    pub chars: usize,
    pub link_chars: usize,
}

pub(crate) fn collect(
    doc: &Document,
    info: &[Info],
    cuts: &[Option<Cut>],
    n: NodeId,
    sep: &str,
) -> Collected {
    collect_except(doc, info, cuts, n, sep, &[])
}

fn collect_except(
    doc: &Document,
    info: &[Info],
    cuts: &[Option<Cut>],
    n: NodeId,
    sep: &str,
    except: &[NodeId],
) -> Collected {
    let mut out = Inline::default();
    let mut link_depth = 0u32;
    let mut pending_sep = false;
    let mut walk = doc.traverse(n);
    while let Some(edge) = walk.next() {
        match edge {
            Edge::Open(d) => match doc.kind(d) {
                NodeKind::Text(t) => {
                    if pending_sep && !out.text.is_empty() {
                        out.text.push_str(sep);
                        out.space = false;
                    }
                    let before = out.text.len();
                    out.push_text(t, link_depth > 0);
                    if out.text.len() > before {
                        pending_sep = false;
                    }
                }
                NodeKind::Element(el) => {
                    if d != n
                        && (info[d.index()].skip
                            || cuts[d.index()].is_some()
                            || except.contains(&d))
                    {
                        walk.skip_children();
                        continue;
                    }
                    match el.tag {
                        Tag::Br => out.newline(),
                        Tag::A if is_link(el) => link_depth += 1,
                        t if d != n && is_block_tag(t) => pending_sep = true,
                        _ => {}
                    }
                }
                _ => {}
            },
            Edge::Close(d) => {
                if let Some(el) = doc.element(d) {
                    let entered = d == n
                        || !(info[d.index()].skip
                            || cuts[d.index()].is_some()
                            || except.contains(&d));
                    if entered && is_link(el) {
                        link_depth = link_depth.saturating_sub(1);
                    }
                    if d != n && is_block_tag(el.tag) {
                        pending_sep = true;
                    }
                }
            }
        }
    }
    let text = tidy_spaces(&out.text);
    Collected {
        text,
        chars: out.chars,
        link_chars: out.link_chars,
    }
}

/// `tag#id.class.class` of one element, for explanations.
pub(crate) fn selector(doc: &Document, n: NodeId) -> String {
    let Some(e) = doc.element(n) else {
        return String::new();
    };
    let mut s = e.name().to_owned();
    if let Some(id) = e.attr("id").map(str::trim).filter(|i| !i.is_empty()) {
        s.push('#');
        s.push_str(id);
    }
    if let Some(class) = e.attr("class") {
        for c in class.split_whitespace().take(4) {
            s.push('.');
            s.push_str(c);
        }
    }
    s
}

/// Collapses runs of spaces and trims spaces around line breaks (separators and whitespace
/// text nodes meet at element boundaries).
fn tidy_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == ' ' && (out.is_empty() || out.ends_with(' ') || out.ends_with('\n')) {
            continue;
        }
        if c == '\n' {
            while out.ends_with(' ') {
                out.pop();
            }
        }
        out.push(c);
    }
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_split_off_captions() {
        // One caption per form of CAPTION_CREDIT; the cheap pre-test must let each through.
        for (text, credit) in [
            ("Crowds at the pier. (AP Images)", "(AP Images)"),
            (
                "Crowds at the pier (Photo: Jane Roe/Reuters) ",
                "(Photo: Jane Roe/Reuters)",
            ),
            ("Crowds at the pier Photo by Jane Roe", "Photo by Jane Roe"),
            (
                "Menschen am Steg Foto: Erika Beispiel",
                "Foto: Erika Beispiel",
            ),
            ("Crowds at the pier © Jane Roe", "© Jane Roe"),
            (
                "Crowds at the pier Jane Roe / Getty Images",
                "Jane Roe / Getty Images",
            ),
        ] {
            assert!(might_have_credit(text), "{text}");
            assert_eq!(split_credit(text).1, credit, "{text}");
        }
        // Nothing the regex could take: no parenthesis at the end, slash, © or credit word.
        for text in [
            "The ferry (the old one) leaves at noon.",
            "Residents: the bridge stays shut until May",
        ] {
            assert!(!might_have_credit(text), "{text}");
            assert_eq!(split_credit(text).1, "", "{text}");
        }
    }
}
