//! newsdesk's view of a page: decoding ([`decode`]) and parsing ([`parse`]) into a compact,
//! read-only arena [`Document`]. This crate is the only one that knows which HTML parser runs.

mod decode;
mod parse;
mod tag;
mod tree;

pub use decode::{CharsetSource, Decoded, charset_from_content_type, decode, sniff_non_html};
pub use parse::{ParseDiagnostics, ParseLimits, Parsed, parse};
pub use tag::Tag;
pub use tree::{
    Ancestors, Attr, Children, Descendants, Document, Edge, Element, Node, NodeId, NodeKind,
    Traverse,
};

/// Why parsing stopped before the end of the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Truncation {
    /// Element nesting passed `max_depth`.
    Depth,
    /// The tree passed `max_nodes`.
    Nodes,
    /// The time budget ran out.
    Time,
    /// The input was longer than `max_bytes`.
    Bytes,
}

impl Truncation {
    pub fn as_str(self) -> &'static str {
        match self {
            Truncation::Depth => "max_depth",
            Truncation::Nodes => "max_nodes",
            Truncation::Time => "time_budget",
            Truncation::Bytes => "max_bytes",
        }
    }
}
