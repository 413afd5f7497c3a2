//! Stage 5: the article body. Placeholder: every paragraph of the page.

use newsdesk_dom::Tag;
use newsdesk_model::{Block, Removed};

use crate::meta::Metadata;
use crate::text::fold_ws;
use crate::{Mode, Page};

pub(crate) struct Body {
    pub blocks: Vec<Block>,
    pub removed: Vec<Removed>,
    pub text_len: usize,
    pub implausibly_short: bool,
}

pub(crate) fn extract(page: &Page, _meta: &Metadata, _mode: Mode) -> Body {
    let doc = page.doc;
    let mut blocks = Vec::new();
    for n in doc.descendants(doc.root()) {
        if doc.is(n, Tag::P) {
            let t = fold_ws(&doc.text_content(n));
            if !t.is_empty() {
                blocks.push(Block::Paragraph { text: t });
            }
        }
    }
    let text_len = blocks.len();
    Body {
        blocks,
        removed: Vec::new(),
        text_len,
        implausibly_short: false,
    }
}
