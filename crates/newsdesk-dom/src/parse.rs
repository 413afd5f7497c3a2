//! html5ever behind the boundary: a `TreeSink` that builds the arena [`Document`] and enforces
//! the parse limits. Nothing outside this file names an html5ever type, so the parser can be
//! swapped for a faster tokenizer-driven tree builder without touching the heuristics.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::time::Instant;

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, LocalName, Namespace, QualName, ns, parse_document};

use crate::tree::{Attr, Document, Element, NONE, NodeKind};
use crate::{Tag, Truncation};

/// Limits the parser enforces. Exceeding one stops parsing at a chunk boundary and flags the
/// result as truncated: the tree holds everything parsed so far.
#[derive(Clone, Copy, Debug)]
pub struct ParseLimits {
    /// Maximum number of nodes in the tree.
    pub max_nodes: usize,
    /// Maximum element nesting depth. html5ever's scope checks walk the stack of open elements,
    /// so parse time grows with depth x elements; bounding depth bounds that cost.
    pub max_depth: usize,
    /// Wall-clock deadline; checked between input chunks.
    pub deadline: Option<Instant>,
}

impl Default for ParseLimits {
    fn default() -> Self {
        ParseLimits {
            max_nodes: 1_000_000,
            max_depth: 512,
            deadline: None,
        }
    }
}

/// What the parser noticed beside the tree.
#[derive(Clone, Debug, Default)]
pub struct ParseDiagnostics {
    /// Number of HTML syntax errors the tokenizer and tree builder reported.
    pub parse_errors: usize,
    /// Deepest element nesting seen.
    pub max_depth: usize,
    /// Set when a limit stopped parsing early.
    pub truncated: Option<Truncation>,
}

/// A parse result: always a tree, with diagnostics beside it. Parsing never fails.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub doc: Document,
    pub diagnostics: ParseDiagnostics,
}

/// Input is fed to the tree builder in chunks of this size so that limits are checked often;
/// 16 KiB keeps the per-chunk overhead under 1% while bounding the overshoot past a limit.
const CHUNK: usize = 16 * 1024;
/// Once nesting passes half the depth limit, chunks shrink to this: html5ever's stack of open
/// elements keeps growing past the limit until feeding stops, and its scope checks cost time
/// proportional to that stack, so the overshoot must stay small.
const DEEP_CHUNK: usize = 1024;

/// Parses a whole HTML document.
pub fn parse(html: &str, limits: &ParseLimits) -> Parsed {
    let sink = Sink::new(limits.max_depth);
    let opts = html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts {
            // Parse <noscript> contents as markup: lazy-loading pages put their real <img> there.
            scripting_enabled: false,
            ..Default::default()
        },
        ..Default::default()
    };
    let mut parser = parse_document(sink, opts);
    let mut rest = html;
    let mut truncated = None;
    // Chunks start small and double while nesting stays shallow, so a page that opens
    // thousands of elements in its first bytes is caught before html5ever's stack grows.
    let mut chunk = DEEP_CHUNK;
    while !rest.is_empty() {
        let deep = parser.tokenizer.sink.sink.max_seen.get() as usize * 2 > limits.max_depth;
        chunk = if deep {
            DEEP_CHUNK
        } else {
            (chunk * 2).min(CHUNK)
        };
        let mut end = rest.len().min(chunk);
        while !rest.is_char_boundary(end) {
            end += 1;
        }
        let (chunk, tail) = rest.split_at(end);
        parser.process(StrTendril::from_slice(chunk));
        rest = tail;
        let sink = &parser.tokenizer.sink.sink;
        if sink.depth_exceeded.get() {
            truncated = Some(Truncation::Depth);
        } else if sink.doc.borrow().len() > limits.max_nodes {
            truncated = Some(Truncation::Nodes);
        } else if limits.deadline.is_some_and(|d| Instant::now() > d) {
            truncated = Some(Truncation::Time);
        }
        if truncated.is_some() && !rest.is_empty() {
            break;
        }
        if truncated.is_some() {
            break;
        }
    }
    let sink = parser.finish();
    Parsed {
        diagnostics: ParseDiagnostics {
            parse_errors: sink.errors.get(),
            max_depth: sink.max_seen.get() as usize,
            truncated,
        },
        doc: sink.doc.into_inner(),
    }
}

struct Sink {
    doc: RefCell<Document>,
    /// Qualified names of element nodes, for the tree builder's `elem_name` queries.
    names: RefCell<Vec<Option<QualName>>>,
    /// Nesting depth of each node, maintained on append (approximate after reparenting).
    depths: RefCell<Vec<u32>>,
    /// Template contents fragments, keyed by template node.
    templates: RefCell<Vec<(u32, u32)>>,
    max_depth: u32,
    max_seen: Cell<u32>,
    depth_exceeded: Cell<bool>,
    errors: Cell<usize>,
}

impl Sink {
    fn new(max_depth: usize) -> Sink {
        Sink {
            doc: RefCell::new(Document::default()),
            names: RefCell::new(vec![None]),
            depths: RefCell::new(vec![0]),
            templates: RefCell::new(Vec::new()),
            max_depth: max_depth.min(u32::MAX as usize) as u32,
            max_seen: Cell::new(0),
            depth_exceeded: Cell::new(false),
            errors: Cell::new(0),
        }
    }

    fn new_node(&self, kind: NodeKind, name: Option<QualName>) -> u32 {
        let id = self.doc.borrow_mut().push(kind);
        self.names.borrow_mut().push(name);
        self.depths.borrow_mut().push(0);
        id
    }

    fn set_depth(&self, child: u32, parent: u32) {
        let mut depths = self.depths.borrow_mut();
        let d = depths[parent as usize].saturating_add(1);
        depths[child as usize] = d;
        if d > self.max_seen.get() {
            self.max_seen.set(d);
        }
    }

    /// Where a child of `parent` really goes: `parent` itself, or, past `max_depth`, its
    /// ancestor one level above the limit. The tree never nests deeper than the limit, so no
    /// later pass can be made to recurse or loop deeper, whatever the input.
    fn anchor(&self, parent: u32) -> u32 {
        let depths = self.depths.borrow();
        let doc = self.doc.borrow();
        let mut p = parent;
        while depths[p as usize] >= self.max_depth {
            let up = doc.nodes[p as usize].parent;
            if up == NONE {
                break;
            }
            self.depth_exceeded.set(true);
            p = up;
        }
        p
    }

    fn append_child(&self, parent: u32, child: NodeOrText<u32>) {
        let parent = self.anchor(parent);
        match child {
            NodeOrText::AppendNode(c) => {
                self.doc.borrow_mut().append(parent, c);
                self.set_depth(c, parent);
            }
            NodeOrText::AppendText(t) => {
                let mut doc = self.doc.borrow_mut();
                if drops_text(&doc, parent) {
                    return;
                }
                if doc.append_text(parent, &t) {
                    let id = doc.nodes[parent as usize].last_child;
                    drop(doc);
                    self.names.borrow_mut().push(None);
                    self.depths.borrow_mut().push(0);
                    self.set_depth(id, parent);
                }
            }
        }
    }
}

/// Code and style sheets are not kept: nothing downstream reads them, and on news pages they are
/// often half the bytes, so copying them into the tree was a measurable share of parse time.
/// Data scripts (JSON-LD and other JSON) keep their text, the metadata stage reads it.
fn drops_text(doc: &Document, parent: u32) -> bool {
    match &doc.nodes[parent as usize].kind {
        NodeKind::Element(e) => match e.tag {
            Tag::Style => true,
            Tag::Script => !e.attr("type").is_some_and(|t| {
                t.as_bytes()
                    .windows(4)
                    .any(|w| w.eq_ignore_ascii_case(b"json"))
            }),
            _ => false,
        },
        _ => false,
    }
}

/// An owned element name; the arena lives in a `RefCell`, so names cannot be lent out.
#[derive(Debug)]
struct Name(QualName);

impl ElemName for Name {
    fn ns(&self) -> &Namespace {
        &self.0.ns
    }
    fn local_name(&self) -> &LocalName {
        &self.0.local
    }
}

fn convert_attrs(attrs: Vec<Attribute>) -> Vec<Attr> {
    attrs
        .into_iter()
        .map(|a| Attr {
            name: (&*a.name.local).into(),
            value: (&*a.value).into(),
        })
        .collect()
}

impl TreeSink for Sink {
    type Handle = u32;
    type Output = Self;
    type ElemName<'a> = Name;

    fn finish(self) -> Self {
        self
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {
        self.errors.set(self.errors.get() + 1);
    }

    fn get_document(&self) -> u32 {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a u32) -> Name {
        let names = self.names.borrow();
        match names.get(*target as usize) {
            Some(Some(n)) => Name(n.clone()),
            // The tree builder only asks about elements; answer harmlessly if it ever does not.
            _ => Name(QualName::new(None, ns!(html), LocalName::from("span"))),
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _flags: ElementFlags) -> u32 {
        let html = name.ns == ns!(html);
        let tag = if html {
            Tag::from_name(&name.local)
        } else if &*name.local == "svg" {
            Tag::Svg
        } else if &*name.local == "math" {
            Tag::Math
        } else {
            Tag::Other
        };
        let other_name = (tag == Tag::Other).then(|| Box::<str>::from(&*name.local));
        let is_template = tag == Tag::Template;
        let id = self.new_node(
            NodeKind::Element(Element {
                tag,
                other_name,
                attrs: convert_attrs(attrs),
            }),
            Some(name),
        );
        if is_template {
            let frag = self.new_node(NodeKind::Fragment, None);
            self.templates.borrow_mut().push((id, frag));
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> u32 {
        self.new_node(NodeKind::Comment, None)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> u32 {
        self.new_node(NodeKind::Comment, None)
    }

    fn append(&self, parent: &u32, child: NodeOrText<u32>) {
        self.append_child(*parent, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &u32,
        prev_element: &u32,
        child: NodeOrText<u32>,
    ) {
        let has_parent = self.doc.borrow().nodes[*element as usize].parent != NONE;
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append_child(*prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {
        let id = self.new_node(NodeKind::Doctype, None);
        self.doc.borrow_mut().append(0, id);
    }

    fn get_template_contents(&self, target: &u32) -> u32 {
        let templates = self.templates.borrow();
        match templates.iter().find(|(t, _)| t == target) {
            Some(&(_, frag)) => frag,
            None => {
                drop(templates);
                let frag = self.new_node(NodeKind::Fragment, None);
                self.templates.borrow_mut().push((*target, frag));
                frag
            }
        }
    }

    fn same_node(&self, x: &u32, y: &u32) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &u32, new_node: NodeOrText<u32>) {
        let parent = self.doc.borrow().nodes[*sibling as usize].parent;
        match new_node {
            NodeOrText::AppendNode(c) => {
                self.doc.borrow_mut().insert_before(*sibling, c);
                if parent != NONE {
                    self.set_depth(c, parent);
                }
            }
            NodeOrText::AppendText(t) => {
                let mut doc = self.doc.borrow_mut();
                if doc.insert_text_before(*sibling, &t) {
                    drop(doc);
                    self.names.borrow_mut().push(None);
                    self.depths.borrow_mut().push(0);
                }
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &u32, attrs: Vec<Attribute>) {
        let mut doc = self.doc.borrow_mut();
        if let NodeKind::Element(e) = &mut doc.nodes[*target as usize].kind {
            for a in convert_attrs(attrs) {
                if e.attr(&a.name).is_none() {
                    e.attrs.push(a);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &u32) {
        self.doc.borrow_mut().detach(*target);
    }

    fn reparent_children(&self, node: &u32, new_parent: &u32) {
        let mut doc = self.doc.borrow_mut();
        let mut child = doc.nodes[*node as usize].first_child;
        while child != NONE {
            let next = doc.nodes[child as usize].next;
            doc.append(*new_parent, child);
            child = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(doc: &Document) -> Vec<&str> {
        doc.descendants(doc.root())
            .filter_map(|n| doc.element(n).map(|e| e.name()))
            .collect()
    }

    #[test]
    fn code_and_styles_are_dropped_data_scripts_kept() {
        let p = parse(
            r#"<head><style>p{color:red}</style><script>var x = "<p>not text</p>";</script>
            <script type="application/ld+json">{"@type":"NewsArticle"}</script></head>
            <body><p>kept</p><script type="module">run()</script></body>"#,
            &ParseLimits::default(),
        );
        let doc = &p.doc;
        let texts: Vec<&str> = doc
            .descendants(doc.root())
            .filter_map(|n| doc.text(n))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(texts, vec![r#"{"@type":"NewsArticle"}"#, "kept"]);
    }

    #[test]
    fn builds_spec_tree() {
        let p = parse(
            "<title>T</title><p>one<p>two<b>bold</b><table><td>cell</table>",
            &ParseLimits::default(),
        );
        assert_eq!(
            tags(&p.doc),
            [
                "html", "head", "title", "body", "p", "p", "b", "table", "tbody", "tr", "td"
            ]
        );
        let body = p.doc.body().unwrap();
        assert_eq!(p.doc.text_content(body), "onetwoboldcell");
        assert!(p.diagnostics.truncated.is_none());
    }

    #[test]
    fn merges_text_and_keeps_attributes() {
        let p = parse(
            "<div class='a b' id=x>x &amp; y<!-- c -->z</div>",
            &ParseLimits::default(),
        );
        let div = p.doc.find_first(Tag::Div).unwrap();
        assert_eq!(p.doc.attr(div, "class"), Some("a b"));
        assert_eq!(p.doc.attr(div, "id"), Some("x"));
        assert_eq!(p.doc.text_content(div), "x & yz");
    }

    #[test]
    fn misnested_formatting_is_repaired() {
        let p = parse("<p><b>1<i>2</b>3</i>4</p>", &ParseLimits::default());
        let para = p.doc.find_first(Tag::P).unwrap();
        assert_eq!(p.doc.text_content(para), "1234");
    }

    #[test]
    fn depth_limit_truncates() {
        let html = "<div>".repeat(5000) + "deep";
        let limits = ParseLimits {
            max_depth: 100,
            ..Default::default()
        };
        let p = parse(&html, &limits);
        assert_eq!(p.diagnostics.truncated, Some(Truncation::Depth));
        assert!(p.doc.len() < 5000);
        // Nothing in the tree is deeper than the limit, even what the last chunk brought.
        let deepest = p
            .doc
            .descendants(p.doc.root())
            .map(|n| p.doc.depth(n))
            .max();
        assert!(deepest.is_some_and(|d| d <= 100), "{deepest:?}");
    }

    #[test]
    fn node_limit_truncates() {
        let html = "<p>x</p>".repeat(50_000);
        let limits = ParseLimits {
            max_nodes: 1000,
            ..Default::default()
        };
        let p = parse(&html, &limits);
        assert_eq!(p.diagnostics.truncated, Some(Truncation::Nodes));
        assert!(p.doc.len() < 20_000);
    }

    #[test]
    fn template_contents_are_detached() {
        let p = parse(
            "<body><template><p>hidden</p></template><p>shown</p>",
            &ParseLimits::default(),
        );
        let body = p.doc.body().unwrap();
        assert_eq!(p.doc.text_content(body), "shown");
    }
}
