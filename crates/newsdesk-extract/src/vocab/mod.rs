//! The heuristic vocabulary: every class/id token, phrase, regex and threshold the extractor
//! uses, grouped by concept and compiled once. Each constant says how it was tuned.
//!
//! - [`body`]: what marks article text, boilerplate, teaser rails, share widgets, captions.
//! - [`meta`]: what marks headlines, bylines, dates, credit lines and syndication.

pub mod body;
pub mod meta;
