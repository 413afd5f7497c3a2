//! Renderings of a block list. Every renderer separates blocks by a blank line.

use std::fmt::Write;

use crate::{Block, Figure};

fn figure_text(f: &Figure) -> Option<String> {
    match (&f.caption, &f.credit) {
        (Some(c), Some(cr)) if c.contains(cr.as_str()) => Some(c.clone()),
        (Some(c), Some(cr)) => Some(format!("{c} {cr}")),
        (Some(c), None) => Some(c.clone()),
        (None, Some(cr)) => Some(cr.clone()),
        (None, None) => None,
    }
}

/// Plain text of the running article: headings, paragraphs, lists, quotes, tables,
/// preformatted text and credit lines, separated by blank lines. Figure captions are left out
/// (they interrupt the prose; see [`to_text_with_captions`]).
pub fn to_text(blocks: &[Block]) -> String {
    render_text(blocks, false)
}

/// Plain text with each figure's caption and credit as its own paragraph.
pub fn to_text_with_captions(blocks: &[Block]) -> String {
    render_text(blocks, true)
}

fn render_text(blocks: &[Block], captions: bool) -> String {
    let mut out = String::new();
    for b in blocks {
        let start = out.len();
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        let before = out.len();
        match b {
            Block::Heading { text, .. }
            | Block::Paragraph { text }
            | Block::Quote { text }
            | Block::Preformatted { text }
            | Block::Credit { text } => out.push_str(text),
            Block::List { items, .. } => out.push_str(&items.join("\n")),
            Block::Table { rows } => {
                let lines: Vec<String> = rows
                    .iter()
                    .map(|r| {
                        r.iter()
                            .map(|c| c.text.as_str())
                            .collect::<Vec<_>>()
                            .join(" | ")
                    })
                    .collect();
                out.push_str(&lines.join("\n"));
            }
            Block::Figure(f) => {
                if captions && let Some(t) = figure_text(f) {
                    out.push_str(&t);
                }
            }
        }
        if out.len() == before {
            out.truncate(start);
        }
    }
    out
}

/// A link destination that stays one: whitespace, control characters, `<`, `>` and `)` are
/// percent-encoded, since a line break or a bracket would end the link and let the rest of the
/// URL through as Markdown or raw HTML (found by the extract fuzz target: an `src` attribute
/// holding the page's markup).
fn md_url(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    for c in src.chars() {
        if c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '(' | ')') {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Escapes Markdown's inline syntax characters at positions where they would be read as markup.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push_str("  \n");
        }
        let t = line.trim_start();
        // Line-start constructs: headings, quotes, list markers, rules.
        if t.starts_with('#')
            || t.starts_with('>')
            || t.starts_with("- ")
            || t.starts_with("+ ")
            || t.starts_with("* ")
            || t.starts_with("---")
            || t.starts_with("===")
            || ordered_marker(t)
        {
            out.push('\\');
        }
        for c in line.chars() {
            if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

fn ordered_marker(t: &str) -> bool {
    let digits = t.bytes().take_while(|b| b.is_ascii_digit()).count();
    digits > 0 && matches!(t.as_bytes().get(digits), Some(b'.') | Some(b')'))
}

pub fn to_markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        match b {
            Block::Heading { level, text } => {
                let _ = write!(
                    out,
                    "{} {}",
                    "#".repeat((*level).clamp(1, 6) as usize),
                    md_escape(text)
                );
            }
            Block::Paragraph { text } => out.push_str(&md_escape(text)),
            Block::Credit { text } => {
                let _ = write!(out, "*{}*", md_escape(text));
            }
            Block::List { ordered, items } => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push('\n');
                    }
                    if *ordered {
                        let _ = write!(out, "{}. {}", i + 1, md_escape(item));
                    } else {
                        let _ = write!(out, "- {}", md_escape(item));
                    }
                }
            }
            Block::Quote { text } => {
                let quoted: Vec<String> = md_escape(text)
                    .split('\n')
                    .map(|l| format!("> {l}"))
                    .collect();
                out.push_str(&quoted.join("\n"));
            }
            Block::Preformatted { text } => {
                let fence = if text.contains("```") { "~~~~" } else { "```" };
                let _ = write!(out, "{fence}\n{text}\n{fence}");
            }
            Block::Table { rows } => {
                let width = rows.iter().map(|r| r.len()).max().unwrap_or(0);
                for (i, r) in rows.iter().enumerate() {
                    out.push('|');
                    for j in 0..width {
                        let cell = r
                            .get(j)
                            .map(|c| c.text.replace('\n', " "))
                            .unwrap_or_default();
                        let _ = write!(out, " {} |", md_escape(&cell));
                    }
                    out.push('\n');
                    if i == 0 {
                        out.push('|');
                        out.push_str(&" --- |".repeat(width));
                        out.push('\n');
                    }
                }
                while out.ends_with('\n') {
                    out.pop();
                }
            }
            Block::Figure(f) => {
                let mut parts = Vec::new();
                if let Some(src) = &f.src {
                    let alt = f.alt.as_deref().unwrap_or("");
                    parts.push(format!("![{}]({})", md_escape(alt), md_url(src)));
                }
                if let Some(t) = figure_text(f) {
                    parts.push(format!("*{}*", md_escape(&t)));
                }
                out.push_str(&parts.join("\n\n"));
            }
        }
    }
    out
}

pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn html_lines(s: &str) -> String {
    escape_html(s).replace('\n', "<br>")
}

/// A minimal HTML fragment: only structural tags, no classes except `credit`.
pub fn to_html(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        if !out.is_empty() {
            out.push('\n');
        }
        match b {
            Block::Heading { level, text } => {
                let l = (*level).clamp(1, 6);
                let _ = write!(out, "<h{l}>{}</h{l}>", html_lines(text));
            }
            Block::Paragraph { text } => {
                let _ = write!(out, "<p>{}</p>", html_lines(text));
            }
            Block::Credit { text } => {
                let _ = write!(out, "<p class=\"credit\">{}</p>", html_lines(text));
            }
            Block::List { ordered, items } => {
                let tag = if *ordered { "ol" } else { "ul" };
                let _ = write!(out, "<{tag}>");
                for item in items {
                    let _ = write!(out, "<li>{}</li>", html_lines(item));
                }
                let _ = write!(out, "</{tag}>");
            }
            Block::Quote { text } => {
                out.push_str("<blockquote>");
                for para in text.split("\n\n") {
                    let _ = write!(out, "<p>{}</p>", html_lines(para));
                }
                out.push_str("</blockquote>");
            }
            Block::Preformatted { text } => {
                let _ = write!(out, "<pre>{}</pre>", escape_html(text));
            }
            Block::Table { rows } => {
                out.push_str("<table>");
                for r in rows {
                    out.push_str("<tr>");
                    for c in r {
                        let tag = if c.header { "th" } else { "td" };
                        let _ = write!(out, "<{tag}>{}</{tag}>", html_lines(&c.text));
                    }
                    out.push_str("</tr>");
                }
                out.push_str("</table>");
            }
            Block::Figure(f) => {
                out.push_str("<figure>");
                if let Some(src) = &f.src {
                    let _ = write!(
                        out,
                        "<img src=\"{}\" alt=\"{}\">",
                        escape_html(src),
                        escape_html(f.alt.as_deref().unwrap_or(""))
                    );
                }
                if f.caption.is_some() || f.credit.is_some() {
                    out.push_str("<figcaption>");
                    if let Some(c) = &f.caption {
                        out.push_str(&html_lines(c));
                    }
                    if let Some(cr) = &f.credit
                        && !f
                            .caption
                            .as_deref()
                            .is_some_and(|c| c.contains(cr.as_str()))
                    {
                        let _ = write!(out, " <small>{}</small>", escape_html(cr));
                    }
                    out.push_str("</figcaption>");
                }
                out.push_str("</figure>");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Cell;

    fn sample() -> Vec<Block> {
        vec![
            Block::Heading {
                level: 2,
                text: "Aftermath".into(),
            },
            Block::Paragraph {
                text: "First *para* <b>.".into(),
            },
            Block::List {
                ordered: true,
                items: vec!["one".into(), "two".into()],
            },
            Block::Figure(Figure {
                src: Some("https://x.test/a b.jpg".into()),
                alt: Some("A dam".into()),
                caption: Some("The dam at dawn.".into()),
                credit: Some("(AP Images)".into()),
            }),
            Block::Table {
                rows: vec![
                    vec![
                        Cell {
                            text: "Team".into(),
                            header: true,
                        },
                        Cell {
                            text: "Pts".into(),
                            header: true,
                        },
                    ],
                    vec![
                        Cell {
                            text: "Reds".into(),
                            header: false,
                        },
                        Cell {
                            text: "3".into(),
                            header: false,
                        },
                    ],
                ],
            },
            Block::Credit {
                text: "Jo Bloggs contributed to this report.".into(),
            },
        ]
    }

    #[test]
    fn text_keeps_paragraph_boundaries() {
        assert_eq!(
            to_text_with_captions(&sample()),
            "Aftermath\n\nFirst *para* <b>.\n\none\ntwo\n\nThe dam at dawn. (AP Images)\n\nTeam | Pts\nReds | 3\n\nJo Bloggs contributed to this report."
        );
        assert_eq!(
            to_text(&sample()),
            "Aftermath\n\nFirst *para* <b>.\n\none\ntwo\n\nTeam | Pts\nReds | 3\n\nJo Bloggs contributed to this report."
        );
    }

    #[test]
    fn markdown_escapes_and_structures() {
        let md = to_markdown(&sample());
        assert!(md.starts_with("## Aftermath\n\nFirst \\*para\\* \\<b\\>.\n\n1. one\n2. two"));
        assert!(
            md.contains("![A dam](https://x.test/a%20b.jpg)\n\n*The dam at dawn. (AP Images)*")
        );
        assert!(md.contains("| Team | Pts |\n| --- | --- |\n| Reds | 3 |"));
    }

    #[test]
    fn html_is_escaped() {
        let html = to_html(&sample());
        assert!(html.contains("<p>First *para* &lt;b&gt;.</p>"));
        assert!(
            html.contains("<figcaption>The dam at dawn. <small>(AP Images)</small></figcaption>")
        );
        assert!(html.contains("<p class=\"credit\">"));
    }

    #[test]
    fn empty_figure_adds_no_blank_lines() {
        let blocks = vec![
            Block::Paragraph { text: "a".into() },
            Block::Figure(Figure::default()),
            Block::Paragraph { text: "b".into() },
        ];
        assert_eq!(to_text_with_captions(&blocks), "a\n\nb");
    }
}
