//! The arena DOM every heuristic reads. Nodes live in one `Vec`, linked by `u32` indices:
//! cache-friendly, cheap to drop at any depth (no recursive `Drop`), and independent of the
//! parser behind it.

use crate::Tag;

/// Index of a node in its [`Document`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub(crate) u32);

impl NodeId {
    /// Position in the arena; usable as an index into side tables of `doc.len()` entries.
    #[inline]
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

pub(crate) const NONE: u32 = u32::MAX;

/// One attribute; names are lower-case as the HTML parser gives them.
#[derive(Clone, Debug)]
pub struct Attr {
    pub name: Box<str>,
    pub value: Box<str>,
}

/// An element's name and attributes.
#[derive(Clone, Debug)]
pub struct Element {
    pub tag: Tag,
    /// The local name as written, kept only for [`Tag::Other`].
    pub other_name: Option<Box<str>>,
    pub attrs: Vec<Attr>,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| &*a.name == name)
            .map(|a| &*a.value)
    }

    /// The local name, whether known or not.
    pub fn name(&self) -> &str {
        match &self.other_name {
            Some(n) => n,
            None => self.tag.name(),
        }
    }
}

#[derive(Clone, Debug)]
pub enum NodeKind {
    Document,
    /// A `<template>`'s contents or other detached fragment.
    Fragment,
    Element(Element),
    Text(String),
    Comment,
    Doctype,
}

#[derive(Clone, Debug)]
pub struct Node {
    pub(crate) parent: u32,
    pub(crate) first_child: u32,
    pub(crate) last_child: u32,
    pub(crate) prev: u32,
    pub(crate) next: u32,
    pub kind: NodeKind,
}

impl Node {
    pub(crate) fn new(kind: NodeKind) -> Node {
        Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev: NONE,
            next: NONE,
            kind,
        }
    }
}

#[inline]
fn opt(i: u32) -> Option<NodeId> {
    (i != NONE).then_some(NodeId(i))
}

/// A parsed page. Read-only for heuristics: they keep their own side tables indexed by
/// [`NodeId::index`] instead of mutating the tree.
#[derive(Clone, Debug)]
pub struct Document {
    pub(crate) nodes: Vec<Node>,
}

impl Default for Document {
    fn default() -> Self {
        Document {
            nodes: vec![Node::new(NodeKind::Document)],
        }
    }
}

impl Document {
    /// The document node.
    pub fn root(&self) -> NodeId {
        NodeId(0)
    }

    /// Number of nodes in the arena (including detached ones).
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.len() <= 1
    }

    #[inline]
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    #[inline]
    pub fn kind(&self, id: NodeId) -> &NodeKind {
        &self.nodes[id.index()].kind
    }

    #[inline]
    pub fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.nodes[id.index()].kind {
            NodeKind::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The element's tag, `None` for non-elements.
    #[inline]
    pub fn tag(&self, id: NodeId) -> Option<Tag> {
        self.element(id).map(|e| e.tag)
    }

    #[inline]
    pub fn is(&self, id: NodeId, tag: Tag) -> bool {
        self.tag(id) == Some(tag)
    }

    #[inline]
    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        self.element(id).and_then(|e| e.attr(name))
    }

    /// Text of a text node, `None` otherwise.
    #[inline]
    pub fn text(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[id.index()].kind {
            NodeKind::Text(t) => Some(t),
            _ => None,
        }
    }

    #[inline]
    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        opt(self.nodes[id.index()].parent)
    }

    #[inline]
    pub fn first_child(&self, id: NodeId) -> Option<NodeId> {
        opt(self.nodes[id.index()].first_child)
    }

    #[inline]
    pub fn last_child(&self, id: NodeId) -> Option<NodeId> {
        opt(self.nodes[id.index()].last_child)
    }

    #[inline]
    pub fn next_sibling(&self, id: NodeId) -> Option<NodeId> {
        opt(self.nodes[id.index()].next)
    }

    #[inline]
    pub fn prev_sibling(&self, id: NodeId) -> Option<NodeId> {
        opt(self.nodes[id.index()].prev)
    }

    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            doc: self,
            next: self.nodes[id.index()].first_child,
        }
    }

    /// Element children only.
    pub fn child_elements(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.children(id).filter(|&c| self.element(c).is_some())
    }

    pub fn ancestors(&self, id: NodeId) -> Ancestors<'_> {
        Ancestors {
            doc: self,
            next: self.nodes[id.index()].parent,
        }
    }

    /// `id` and everything below it, in document order (pre-order), without recursion.
    pub fn descendants(&self, id: NodeId) -> Descendants<'_> {
        Descendants {
            doc: self,
            root: id,
            next: Some(id),
        }
    }

    /// Open/close events over `id`'s subtree, in document order, without recursion.
    /// Call [`Traverse::skip_children`] right after an `Open` to jump to its `Close`.
    pub fn traverse(&self, id: NodeId) -> Traverse<'_> {
        Traverse {
            doc: self,
            root: id,
            next: Some(Edge::Open(id)),
            last: None,
        }
    }

    /// The first `<html>`, `<head>` or `<body>` element, as the parser guarantees them.
    pub fn find_first(&self, tag: Tag) -> Option<NodeId> {
        self.descendants(self.root()).find(|&n| self.is(n, tag))
    }

    pub fn body(&self) -> Option<NodeId> {
        self.find_first(Tag::Body)
    }

    pub fn head(&self) -> Option<NodeId> {
        self.find_first(Tag::Head)
    }

    /// Concatenated text of the subtree, as written (no whitespace folding).
    pub fn text_content(&self, id: NodeId) -> String {
        let mut out = String::new();
        for n in self.descendants(id) {
            if let Some(t) = self.text(n) {
                out.push_str(t);
            }
        }
        out
    }

    /// Depth of a node below the document node (the document is 0).
    pub fn depth(&self, id: NodeId) -> usize {
        self.ancestors(id).count()
    }
}

/// An event of [`Document::traverse`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    Open(NodeId),
    Close(NodeId),
}

pub struct Traverse<'a> {
    doc: &'a Document,
    root: NodeId,
    next: Option<Edge>,
    last: Option<Edge>,
}

impl Traverse<'_> {
    /// Skips the children of the node just opened; its `Close` comes next.
    pub fn skip_children(&mut self) {
        if let Some(Edge::Open(n)) = self.last {
            self.next = Some(Edge::Close(n));
        }
    }
}

impl Iterator for Traverse<'_> {
    type Item = Edge;
    fn next(&mut self) -> Option<Edge> {
        let cur = self.next.take()?;
        let nodes = &self.doc.nodes;
        self.next = match cur {
            Edge::Open(n) => {
                let fc = nodes[n.index()].first_child;
                Some(if fc != NONE {
                    Edge::Open(NodeId(fc))
                } else {
                    Edge::Close(n)
                })
            }
            Edge::Close(n) if n == self.root => None,
            Edge::Close(n) => {
                let node = &nodes[n.index()];
                if node.next != NONE {
                    Some(Edge::Open(NodeId(node.next)))
                } else {
                    opt(node.parent).map(Edge::Close)
                }
            }
        };
        self.last = Some(cur);
        Some(cur)
    }
}

pub struct Children<'a> {
    doc: &'a Document,
    next: u32,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    #[inline]
    fn next(&mut self) -> Option<NodeId> {
        let cur = opt(self.next)?;
        self.next = self.doc.nodes[cur.index()].next;
        Some(cur)
    }
}

pub struct Ancestors<'a> {
    doc: &'a Document,
    next: u32,
}

impl Iterator for Ancestors<'_> {
    type Item = NodeId;
    #[inline]
    fn next(&mut self) -> Option<NodeId> {
        let cur = opt(self.next)?;
        self.next = self.doc.nodes[cur.index()].parent;
        Some(cur)
    }
}

pub struct Descendants<'a> {
    doc: &'a Document,
    root: NodeId,
    next: Option<NodeId>,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let cur = self.next?;
        let nodes = &self.doc.nodes;
        let n = &nodes[cur.index()];
        self.next = if n.first_child != NONE {
            Some(NodeId(n.first_child))
        } else {
            let mut c = cur;
            loop {
                if c == self.root {
                    break None;
                }
                let cn = &nodes[c.index()];
                if cn.next != NONE {
                    break Some(NodeId(cn.next));
                }
                match opt(cn.parent) {
                    Some(p) => c = p,
                    None => break None,
                }
            }
        };
        Some(cur)
    }
}

/// Tree mutation, used only while the parser builds the tree.
impl Document {
    pub(crate) fn push(&mut self, kind: NodeKind) -> u32 {
        self.nodes.push(Node::new(kind));
        (self.nodes.len() - 1) as u32
    }

    pub(crate) fn detach(&mut self, id: u32) {
        let (parent, prev, next) = {
            let n = &self.nodes[id as usize];
            (n.parent, n.prev, n.next)
        };
        if parent == NONE {
            return;
        }
        if prev != NONE {
            self.nodes[prev as usize].next = next;
        } else {
            self.nodes[parent as usize].first_child = next;
        }
        if next != NONE {
            self.nodes[next as usize].prev = prev;
        } else {
            self.nodes[parent as usize].last_child = prev;
        }
        let n = &mut self.nodes[id as usize];
        n.parent = NONE;
        n.prev = NONE;
        n.next = NONE;
    }

    pub(crate) fn append(&mut self, parent: u32, child: u32) {
        self.detach(child);
        let last = self.nodes[parent as usize].last_child;
        {
            let c = &mut self.nodes[child as usize];
            c.parent = parent;
            c.prev = last;
            c.next = NONE;
        }
        if last != NONE {
            self.nodes[last as usize].next = child;
        } else {
            self.nodes[parent as usize].first_child = child;
        }
        self.nodes[parent as usize].last_child = child;
    }

    pub(crate) fn insert_before(&mut self, sibling: u32, child: u32) {
        self.detach(child);
        let (parent, prev) = {
            let s = &self.nodes[sibling as usize];
            (s.parent, s.prev)
        };
        {
            let c = &mut self.nodes[child as usize];
            c.parent = parent;
            c.prev = prev;
            c.next = sibling;
        }
        self.nodes[sibling as usize].prev = child;
        if prev != NONE {
            self.nodes[prev as usize].next = child;
        } else if parent != NONE {
            self.nodes[parent as usize].first_child = child;
        }
    }

    /// Appends text to `parent`, merging with a trailing text node as the HTML spec wants.
    pub(crate) fn append_text(&mut self, parent: u32, text: &str) -> bool {
        let last = self.nodes[parent as usize].last_child;
        if last != NONE
            && let NodeKind::Text(t) = &mut self.nodes[last as usize].kind
        {
            t.push_str(text);
            return false;
        }
        let id = self.push(NodeKind::Text(text.to_owned()));
        self.append(parent, id);
        true
    }

    /// Inserts text before `sibling`, merging with the text node already there.
    pub(crate) fn insert_text_before(&mut self, sibling: u32, text: &str) -> bool {
        let prev = self.nodes[sibling as usize].prev;
        if prev != NONE
            && let NodeKind::Text(t) = &mut self.nodes[prev as usize].kind
        {
            t.push_str(text);
            return false;
        }
        let id = self.push(NodeKind::Text(text.to_owned()));
        self.insert_before(sibling, id);
        true
    }
}
