//! The bodies of newsdesk's fuzz targets, as plain functions on bytes.
//!
//! `fuzz/` (cargo-fuzz, nightly, its own workspace) has one target per function here and
//! nothing else; `tests/seeds.rs` runs every function over its seed corpus ([`seeds`]) and the
//! regression inputs on stable, so `cargo test` exercises the same code CI cannot fuzz.
//!
//! Each body panics when the code under test breaks a property, not only when it panics
//! itself:
//!
//! - [`extract`]: any bytes, any options → an `Article` or a typed `Error`; the article renders
//!   and round-trips through JSON, a truncation flag names a limit, a published date is ISO.
//! - [`warc`]: any bytes read as a WARC file → items, each a page no larger than `max_bytes`, a
//!   skip or a failure with a known reason.
//! - [`dates`]: any string → `None` or a real calendar date whose ISO form reads back as itself;
//!   dates found in text have in-bounds, ordered byte ranges.
//! - [`markdown`]: any blocks → text, Markdown and HTML; the HTML has only the renderer's own
//!   tags, and the Markdown has no raw HTML (page text can never become markup).

use arbitrary::{Arbitrary, Unstructured};
use newsdesk::{Article, Block, Cell, Figure, Limits, Mode, Options};
use newsdesk_extract::dates::{self, Date};

#[cfg(feature = "seeds")]
pub mod seeds;

// ---------------------------------------------------------------------------------------------
// extract

/// URLs the `extract` target picks from (the host's TLD steers charset detection).
const URLS: &[Option<&str>] = &[
    None,
    Some("https://www.example.com/news/2024/03/07/story.html"),
    Some("https://nachrichten.example.de/politik/artikel-123"),
    Some("https://news.example.ru/2024/03/07/"),
    Some("https://www.example.co.jp/a/b"),
    Some("http://EXAMPLE.COM:8080/../x?y#z"),
    Some("not a url"),
    Some("https://xn--bcher-kva.example/%FF/"),
];

/// `Content-Type` headers the `extract` target picks from: charsets that decode differently,
/// and broken headers.
const CONTENT_TYPES: &[Option<&str>] = &[
    None,
    Some("text/html"),
    Some("text/html; charset=utf-8"),
    Some("text/html; charset=windows-1252"),
    Some("text/html; charset=Shift_JIS"),
    Some("text/html; charset=utf-16le"),
    Some("text/html; charset=UTF-16BE"),
    Some("text/html; charset=iso-2022-jp"),
    Some("text/html; charset=gb18030"),
    Some("text/html; charset=euc-kr"),
    Some("text/html; charset=koi8-r"),
    Some("text/html; charset=x-user-defined"),
    Some("text/html; charset=bogus"),
    Some("text/html; charset="),
    Some("application/xhtml+xml; charset=\"UTF-8\""),
    Some("text/html; charset=big5; charset=utf-8"),
];

const REFERENCE_DATES: &[Option<&str>] = &[None, Some("2024-03-07"), Some("1999-12-31"), Some("x")];

/// Limits the `extract` target picks from: the defaults, and small ones so the truncation
/// paths run on small inputs.
fn limits(choice: u8) -> Limits {
    let d = Limits::default();
    match choice % 8 {
        1 => Limits { max_nodes: 64, ..d },
        2 => Limits { max_depth: 8, ..d },
        3 => Limits {
            max_nodes: 1_000,
            max_depth: 32,
            ..d
        },
        4 => Limits {
            max_bytes: 1_024,
            ..d
        },
        5 => Limits {
            max_nodes: 1,
            max_depth: 1,
            ..d
        },
        _ => d,
    }
}

/// Splits an `extract` input into options (a 3-byte header) and the page. Inputs shorter than
/// the header are pages with default options.
pub fn extract_options(data: &[u8]) -> (Options, &[u8]) {
    let [a, b, c, page @ ..] = data else {
        return (Options::default(), data);
    };
    let mode = match a & 3 {
        1 => Mode::Precision,
        2 => Mode::Recall,
        _ => Mode::Balanced,
    };
    let options = Options {
        url: URLS[usize::from(a >> 3) % URLS.len()].map(str::to_owned),
        content_type: CONTENT_TYPES[usize::from(*b) % CONTENT_TYPES.len()].map(str::to_owned),
        mode,
        explain: a & 4 != 0,
        reference_date: REFERENCE_DATES[usize::from(b >> 4) % REFERENCE_DATES.len()]
            .map(str::to_owned),
        limits: limits(*c),
    };
    (options, page)
}

/// The header [`extract_options`] reads as the default options (for seeds).
pub const DEFAULT_OPTIONS_HEADER: [u8; 3] = [0, 0, 0];

/// Extracts one small page, so the engine's lazily compiled regexes are built before fuzzing
/// starts (see `fuzz/fuzz_targets/extract.rs`).
pub fn warm_up() {
    let page = b"<html><head><title>Warm-up</title></head><body><article><h1>Warm-up</h1>\
        <p class=byline>By Ann Lee, March 7, 2024</p><p>The council voted on Monday to close \
        the old bridge to lorries, officials said.</p></article></body></html>";
    extract(&[DEFAULT_OPTIONS_HEADER.as_slice(), page].concat());
}

/// Fuzz body: one page through the whole pipeline, with options from the input's header.
pub fn extract(data: &[u8]) {
    let (options, page) = extract_options(data);
    match newsdesk::extract(page, &options) {
        Ok(article) => check_article(&article, &options),
        // Every error is a typed refusal; which one depends on the input.
        Err(e) => {
            let _ = e.to_string();
        }
    }
}

fn check_article(a: &Article, options: &Options) {
    if let Some(t) = a.diagnostics.truncated.as_deref() {
        assert!(
            matches!(t, "max_nodes" | "max_depth" | "time_budget"),
            "unknown truncation flag {t:?}"
        );
    }
    if !options.explain {
        assert!(a.removed.is_empty(), "removed pieces without explain");
    }
    for (field, value) in [("published", &a.published), ("modified", &a.modified)] {
        if let Some(v) = value {
            let d = dates::parse_date(v);
            assert!(
                d.is_some_and(|d| d.to_iso() == *v),
                "{field} {v:?} is not an ISO date that reads back as itself"
            );
        }
    }
    check_blocks(&a.blocks);
    let _ = (a.text(), a.text_with_captions(), a.markdown(), a.html());
    let json = serde_json::to_string(a).expect("an article serialises");
    let back: Article = serde_json::from_str(&json).expect("an article's JSON reads back");
    assert_eq!(&back, a, "the article changed through JSON");
}

// ---------------------------------------------------------------------------------------------
// warc

/// Failure reasons the WARC reader may give (`docs/batch.md`).
const WARC_FAILURES: &[&str] = &[
    "io",
    "empty-file",
    "not-warc",
    "corrupt",
    "truncated",
    "bad-record",
    "bad-http",
    "too-large",
];

/// The `max_bytes` the `warc` target reads with: small, so the too-large path runs on small
/// inputs (a gzip member can still inflate far past it).
pub const WARC_MAX_BYTES: usize = 64 * 1024;

/// Fuzz body: arbitrary bytes read as a WARC file by the batch reader.
pub fn warc(data: &[u8]) {
    use newsdesk_batch::input::{Item, warc_items};
    let mut ids = std::collections::HashSet::new();
    for item in warc_items(data, "fuzz.warc", WARC_MAX_BYTES) {
        let origin = match &item {
            Item::Page { origin, body } => {
                assert!(body.len() <= WARC_MAX_BYTES, "a page over max_bytes");
                origin
            }
            Item::Skipped { origin, reason } => {
                assert!(!reason.is_empty(), "a skip without a reason");
                origin
            }
            Item::Failed { origin, reason, .. } => {
                assert!(WARC_FAILURES.contains(reason), "unknown failure {reason:?}");
                origin
            }
        };
        assert!(
            ids.insert(origin.id.clone()),
            "item id {:?} given twice",
            origin.id
        );
    }
}

// ---------------------------------------------------------------------------------------------
// dates

/// Fuzz body: the lenient date parser and the in-text date finder on any string.
pub fn dates(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    for day_first in [false, true] {
        if let Some(d) = dates::parse_date_with(&s, day_first) {
            check_date(&d);
            let iso = d.to_iso();
            let again = dates::parse_date(&iso).map(|d| d.to_iso());
            assert_eq!(
                again.as_deref(),
                Some(iso.as_str()),
                "{s:?} gave {iso}, which does not read back as itself"
            );
        }
        let mut last_end = 0;
        for (d, range) in dates::find_all_in_text(&s, day_first) {
            check_date(&d);
            assert!(
                range.start >= last_end && range.start < range.end && range.end <= s.len(),
                "range {range:?} after {last_end} in {} bytes",
                s.len()
            );
            assert!(s.is_char_boundary(range.start) && s.is_char_boundary(range.end));
            last_end = range.end;
        }
    }
    if let Some((y, m, d)) = dates::parse_reference(&s) {
        assert!(dates::valid_ymd(y, m, d), "reference day {y}-{m}-{d}");
    }
}

fn check_date(d: &Date) {
    match d.day {
        Some(day) => assert!(dates::valid_ymd(d.year, d.month, day), "{d:?}"),
        None => assert!(
            (1000..=9999).contains(&d.year) && (1..=12).contains(&d.month),
            "{d:?}"
        ),
    }
    if let Some(t) = d.time {
        assert!(t.hour < 24 && t.minute < 60 && t.second < 60, "{d:?}");
    }
    if let Some(o) = d.offset_minutes {
        assert!(o.abs() <= 18 * 60, "{d:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// markdown

/// [`Block`] for `arbitrary`: the model crate stays free of fuzzing dependencies.
/// [`FuzzBlock::from_block`] matches every variant, so a new kind of block fails to compile
/// here until the fuzzer knows it.
#[derive(Arbitrary, Debug)]
pub enum FuzzBlock {
    Heading(u8, String),
    Paragraph(String),
    List(bool, Vec<String>),
    Quote(String),
    Table(Vec<Vec<(String, bool)>>),
    Figure(
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    ),
    Preformatted(String),
    Credit(String),
}

impl FuzzBlock {
    pub fn into_block(self) -> Block {
        match self {
            FuzzBlock::Heading(level, text) => Block::Heading { level, text },
            FuzzBlock::Paragraph(text) => Block::Paragraph { text },
            FuzzBlock::List(ordered, items) => Block::List { ordered, items },
            FuzzBlock::Quote(text) => Block::Quote { text },
            FuzzBlock::Table(rows) => Block::Table {
                rows: rows
                    .into_iter()
                    .map(|r| {
                        r.into_iter()
                            .map(|(text, header)| Cell { text, header })
                            .collect()
                    })
                    .collect(),
            },
            FuzzBlock::Figure(src, alt, caption, credit) => Block::Figure(Figure {
                src,
                alt,
                caption,
                credit,
            }),
            FuzzBlock::Preformatted(text) => Block::Preformatted { text },
            FuzzBlock::Credit(text) => Block::Credit { text },
        }
    }

    pub fn from_block(b: &Block) -> FuzzBlock {
        match b.clone() {
            Block::Heading { level, text } => FuzzBlock::Heading(level, text),
            Block::Paragraph { text } => FuzzBlock::Paragraph(text),
            Block::List { ordered, items } => FuzzBlock::List(ordered, items),
            Block::Quote { text } => FuzzBlock::Quote(text),
            Block::Table { rows } => FuzzBlock::Table(
                rows.into_iter()
                    .map(|r| r.into_iter().map(|c| (c.text, c.header)).collect())
                    .collect(),
            ),
            Block::Figure(f) => FuzzBlock::Figure(f.src, f.alt, f.caption, f.credit),
            Block::Preformatted { text } => FuzzBlock::Preformatted(text),
            Block::Credit { text } => FuzzBlock::Credit(text),
        }
    }
}

/// Fuzz body: arbitrary blocks (decoded from the bytes by `arbitrary`) through every renderer.
pub fn markdown(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(blocks) = Vec::<FuzzBlock>::arbitrary(&mut u) else {
        return;
    };
    let blocks: Vec<Block> = blocks.into_iter().map(FuzzBlock::into_block).collect();
    check_blocks(&blocks);
}

/// Tags [`newsdesk::to_html`] writes; anything else in its output came from the page.
const HTML_TAGS: &[&str] = &[
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "figure",
    "img",
    "figcaption",
    "small",
    "br",
];

/// Renders `blocks` every way and checks that no page text became markup.
pub fn check_blocks(blocks: &[Block]) {
    let _ = newsdesk::to_text(blocks);
    let _ = newsdesk::to_text_with_captions(blocks);
    check_html(&newsdesk::to_html(blocks));
    check_markdown(&newsdesk::to_markdown(blocks));
}

fn check_html(html: &str) {
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let name = rest.strip_prefix('/').unwrap_or(rest);
        let end = name
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(name.len());
        assert!(
            HTML_TAGS.contains(&&name[..end]),
            "to_html wrote a tag it does not own: <{}",
            &rest[..rest.len().min(40)]
        );
    }
}

fn check_markdown(md: &str) {
    use pulldown_cmark::{Event, Parser};
    for event in Parser::new(md) {
        if let Event::Html(h) | Event::InlineHtml(h) = event {
            panic!("to_markdown let page text through as raw HTML: {h:?}\nin:\n{md}");
        }
    }
}
