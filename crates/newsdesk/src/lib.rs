//! newsdesk: HTML news page in, clean structured [`Article`] out.
//!
//! ```
//! let html = b"<html><head><title>Dam opens</title></head><body><article>\
//!     <h1>Dam opens</h1><p>The new dam opened on Monday after ten years of work, \
//!     officials said, and the river below it is already calmer.</p></article></body></html>";
//! let article = newsdesk::extract(html, &newsdesk::Options::default()).unwrap();
//! assert!(article.text().starts_with("The new dam opened on Monday"));
//! ```
//!
//! This crate is only a facade: the `pub use` block below is the whole public API.

pub use newsdesk_extract::{Error, Limits, Mode, Options, extract};
pub use newsdesk_model::{
    Article, Block, Cell, Credit, Diagnostics, Figure, Image, RemovalReason, Removed, to_html,
    to_markdown, to_text, to_text_with_captions,
};
