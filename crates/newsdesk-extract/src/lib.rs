//! The extraction pipeline, stage by stage (see ARCHITECTURE.md):
//!
//! 1. guard    — size limit, empty input, non-HTML sniffing
//! 2. decode   — bytes to text ([`newsdesk_dom::decode`])
//! 3. parse    — text to arena DOM, within limits ([`newsdesk_dom::parse`])
//! 4. metadata — headline, authors, dates, site, image from markup ([`meta`])
//! 5. body     — find the article container, walk it into blocks, cut boilerplate ([`body`])
//! 6. retry    — balanced mode re-runs stage 5 in recall mode when the body is implausibly short
//! 7. finish   — credits, language, lead image from the body; assemble the [`Article`]

mod body;
mod error;
mod meta;
mod options;
mod text;
pub mod vocab;

use std::time::Instant;

use newsdesk_dom::{ParseLimits, Truncation};
use newsdesk_model::{Article, Diagnostics};
use url::Url;

pub use error::Error;
/// The lenient date parser the metadata stage uses (public for fuzzing and reuse).
pub use meta::dates;
pub use options::{Limits, Mode, Options};

/// What every stage may look at.
pub(crate) struct Page<'a> {
    pub doc: &'a newsdesk_dom::Document,
    pub url: Option<&'a Url>,
    pub options: &'a Options,
    /// When the time budget runs out; stages check it between passes.
    pub deadline: Instant,
}

/// Extracts the article from one HTML page.
pub fn extract(html: &[u8], options: &Options) -> Result<Article, Error> {
    let started = Instant::now();
    // 1. guard
    let limits = &options.limits;
    if html.len() > limits.max_bytes {
        return Err(Error::TooLarge {
            size: html.len(),
            limit: limits.max_bytes,
        });
    }
    if html.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty);
    }
    if let Some(what) = newsdesk_dom::sniff_non_html(html) {
        return Err(Error::NotHtml(what));
    }
    let url = options.url.as_deref().and_then(|u| Url::parse(u).ok());
    let tld = url
        .as_ref()
        .and_then(|u| u.host_str())
        .and_then(|h| h.rsplit('.').next())
        .map(str::as_bytes);

    // 2. decode
    let decoded = newsdesk_dom::decode(html, options.content_type.as_deref(), tld);
    let mut diagnostics = Diagnostics {
        encoding: decoded.encoding.to_owned(),
        encoding_source: decoded.source.as_str().to_owned(),
        decode_errors: decoded.had_errors,
        ..Default::default()
    };
    if let Some(declared) = decoded.overridden {
        diagnostics.notes.push(format!(
            "declared charset {declared} contradicted by the bytes; decoded as {}",
            decoded.encoding
        ));
    }
    let deadline = started + limits.time_budget;
    if Instant::now() > deadline {
        return Err(Error::Timeout(limits.time_budget));
    }

    // 3. parse
    // Parsing stops at three quarters of the budget: a page that exhausts it in the parser (a
    // million attributes on one element: html5ever checks each new attribute against all the
    // earlier ones) still leaves the later stages time to extract what was parsed.
    let parse_deadline = started + limits.time_budget * 3 / 4;
    let parsed = newsdesk_dom::parse(
        &decoded.text,
        &ParseLimits {
            max_nodes: limits.max_nodes,
            max_depth: limits.max_depth,
            deadline: Some(parse_deadline),
        },
    );
    drop(decoded);
    diagnostics.parse_errors = parsed.diagnostics.parse_errors;
    diagnostics.truncated = parsed
        .diagnostics
        .truncated
        .map(|t: Truncation| t.as_str().to_owned());
    let page = Page {
        doc: &parsed.doc,
        url: url.as_ref(),
        options,
        deadline,
    };

    // 4. metadata
    let meta = meta::read(&page);

    // 5. body, 6. retry
    let mut mode = options.mode;
    let mut body = body::extract(&page, &meta, mode);
    if body.timed_out && diagnostics.truncated.is_none() {
        diagnostics.truncated = Some(Truncation::Time.as_str().to_owned());
    }
    if mode == Mode::Balanced && body.implausibly_short && !body.timed_out {
        let recall = body::extract(&page, &meta, Mode::Recall);
        if recall.text_len > body.text_len {
            body = recall;
            mode = Mode::Recall;
        }
    }
    diagnostics.mode = mode.as_str().to_owned();
    for c in &body.containers {
        diagnostics.notes.push(format!("container: {c}"));
    }

    // 7. finish
    let mut article = Article {
        url: options.url.clone(),
        blocks: body.blocks,
        removed: body.removed,
        diagnostics,
        ..Default::default()
    };
    meta::complete(&mut article, meta, &page);
    Ok(article)
}
