//! Text of a reference HTML fragment (readability's `expected.html`), for the shingle metric.
//! Block boundaries become newlines so words of adjacent blocks never fuse into one token;
//! inline markup adds nothing, so "foo<b>bar</b>" stays one word as a browser shows it.

use newsdesk_dom::{NodeKind, ParseLimits, Tag};

#[derive(Default)]
struct Writer {
    out: String,
    pending_space: bool,
    pre: usize,
}

impl Writer {
    fn newline(&mut self) {
        while self.out.ends_with(' ') {
            self.out.pop();
        }
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.pending_space = false;
    }

    fn text(&mut self, t: &str) {
        if self.pre > 0 {
            self.flush_space();
            self.out.push_str(t);
            return;
        }
        for c in t.chars() {
            if c.is_whitespace() {
                self.pending_space = !self.out.is_empty() && !self.out.ends_with('\n');
            } else {
                self.flush_space();
                self.out.push(c);
            }
        }
    }

    fn flush_space(&mut self) {
        if self.pending_space {
            self.out.push(' ');
            self.pending_space = false;
        }
    }
}

/// Decodes and parses `html` with newsdesk's own DOM and returns its visible text: one line
/// per block element, whitespace folded outside `<pre>`, scripts, styles and other
/// non-content elements skipped.
pub fn html_to_text(html: &[u8]) -> String {
    let decoded = newsdesk_dom::decode(html, None, None);
    let parsed = newsdesk_dom::parse(&decoded.text, &ParseLimits::default());
    let doc = &parsed.doc;
    let mut w = Writer::default();
    // Explicit stack (no recursion: pages nest hundreds deep). `false` marks a node to enter,
    // `true` one to leave after its children.
    let mut stack = vec![(doc.root(), false)];
    while let Some((n, leaving)) = stack.pop() {
        match doc.kind(n) {
            NodeKind::Element(e) if e.tag.is_non_content() => {}
            NodeKind::Element(e) if leaving => {
                if e.tag == Tag::Pre {
                    w.pre = w.pre.saturating_sub(1);
                }
                if e.tag.is_block() {
                    w.newline();
                }
            }
            NodeKind::Text(t) => w.text(t),
            kind => {
                if let NodeKind::Element(e) = kind {
                    if e.tag.is_block() {
                        w.newline();
                    }
                    if e.tag == Tag::Pre {
                        w.pre += 1;
                    }
                    stack.push((n, true));
                }
                let children: Vec<_> = doc.children(n).collect();
                stack.extend(children.into_iter().rev().map(|c| (c, false)));
            }
        }
    }
    let mut out = w.out;
    while out.ends_with(['\n', ' ']) {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_split_inline_joins() {
        let html = b"<div id=\"readability-page-1\" class=\"page\"><h1>Title</h1><p>foo<b>bar</b>  baz\n qux</p><ul><li>one</li><li>two</li></ul>tail<br>after<script>var x = 1;</script><style>p{}</style></div>";
        assert_eq!(
            html_to_text(html),
            "Title\nfoobar baz qux\none\ntwo\ntail\nafter"
        );
    }

    #[test]
    fn pre_keeps_whitespace() {
        let html = b"<p>a</p><pre>x  =  1\n  y</pre><p>b</p>";
        assert_eq!(html_to_text(html), "a\nx  =  1\n  y\nb");
    }

    #[test]
    fn empty() {
        assert_eq!(html_to_text(b""), "");
        assert_eq!(html_to_text(b"<div> <p> </p> </div>"), "");
    }
}
