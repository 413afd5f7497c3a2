//! The article newsdesk hands out: body as structured [`Block`]s plus the facts about it, and
//! its renderings. Pure data: no parsing, no heuristics.

mod render;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use render::{escape_html, to_html, to_markdown, to_text, to_text_with_captions};

/// One unit of the article body, in reading order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    Heading {
        level: u8,
        text: String,
    },
    Paragraph {
        text: String,
    },
    List {
        ordered: bool,
        items: Vec<String>,
    },
    Quote {
        text: String,
    },
    Table {
        rows: Vec<Vec<Cell>>,
    },
    Figure(Figure),
    Preformatted {
        text: String,
    },
    /// A credit line such as "Jane Roe contributed to this report." Kept in the article, as
    /// its own kind, so users can drop or keep it.
    Credit {
        text: String,
    },
}

impl Block {
    /// The block's kind as written in JSON (`"paragraph"`, `"figure"`, ...).
    pub fn kind(&self) -> &'static str {
        match self {
            Block::Heading { .. } => "heading",
            Block::Paragraph { .. } => "paragraph",
            Block::List { .. } => "list",
            Block::Quote { .. } => "quote",
            Block::Table { .. } => "table",
            Block::Figure(_) => "figure",
            Block::Preformatted { .. } => "preformatted",
            Block::Credit { .. } => "credit",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub text: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub header: bool,
}

/// An image (or a caption whose image is gone) with its caption and credit.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// Absolute URL when the page URL is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub src: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Photo credit such as "(AP Images)" or "Photo: Jane Roe/Reuters".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
}

/// A credit line, structured.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Credit {
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisations: Vec<String>,
}

/// Why a piece of the page was cut from the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemovalReason {
    /// Share / follow / social buttons.
    ShareWidget,
    /// A rail of teasers to other stories ("You May Also Like", "Related", "More from").
    TeaserRail,
    /// Newsletter sign-up, subscription or paywall prompt.
    Newsletter,
    Navigation,
    Comments,
    Advertisement,
    /// Cookie / consent banner.
    Consent,
    /// Caption furniture: "Enlarge this image", "1 of 12", "Hide caption", "Image".
    CaptionFurniture,
    /// Byline, dateline and other facts that go to metadata, not the body.
    Metadata,
    /// Page header, footer, sidebar and other template outside the article.
    Template,
    /// Text outside the chosen article container.
    OutsideArticle,
    /// Short or link-dense text that reads as page furniture.
    Boilerplate,
    /// Hidden by markup (`hidden`, `display:none`, `aria-hidden`).
    Hidden,
    /// The headline repeated in the body.
    Title,
}

impl RemovalReason {
    pub fn as_str(self) -> &'static str {
        match self {
            RemovalReason::ShareWidget => "share_widget",
            RemovalReason::TeaserRail => "teaser_rail",
            RemovalReason::Newsletter => "newsletter",
            RemovalReason::Navigation => "navigation",
            RemovalReason::Comments => "comments",
            RemovalReason::Advertisement => "advertisement",
            RemovalReason::Consent => "consent",
            RemovalReason::CaptionFurniture => "caption_furniture",
            RemovalReason::Metadata => "metadata",
            RemovalReason::Template => "template",
            RemovalReason::OutsideArticle => "outside_article",
            RemovalReason::Boilerplate => "boilerplate",
            RemovalReason::Hidden => "hidden",
            RemovalReason::Title => "title",
        }
    }
}

/// A piece of text cut as boilerplate, with the reason (collected only on request).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Removed {
    pub reason: RemovalReason,
    /// What decided it, e.g. `class~="share"` or `teaser cards x8`.
    pub rule: String,
    pub text: String,
}

/// The lead image.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Image {
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
}

/// What happened on the way, beside the result.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Diagnostics {
    /// WHATWG name of the encoding used.
    pub encoding: String,
    /// Where it came from: `bom`, `content-type`, `meta`, `detected`.
    pub encoding_source: String,
    /// Malformed bytes were replaced while decoding.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub decode_errors: bool,
    pub parse_errors: usize,
    /// Set when a limit cut the input short: `max_depth`, `max_nodes`, `time_budget`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truncated: Option<String>,
    /// The mode that produced the body (balanced falls back to recall on short results).
    pub mode: String,
    /// Free-form notes (e.g. "declared charset windows-1252 overridden").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// An extracted article: the body as blocks, and the facts about it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// ISO 8601 date or date-time (with offset when known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Where `published` came from: `json-ld` (the article's), `json-ld:webpage`,
    /// `meta:<name>` (`meta:article:published_time`, ...), `itemprop`, `time-element`, `element`
    /// (a date-marked element), `url`, `text`, or `script` (a JSON data script's publication key,
    /// the last resort).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified_source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// BCP 47 language tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credits: Vec<Credit>,
    /// The wire service or outlet the story comes from, when the page says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub syndication_source: Option<String>,
    /// Where each other metadata field came from, keyed by field name (`title`, `authors`, ...).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sources: BTreeMap<String, String>,
    pub blocks: Vec<Block>,
    /// Cut boilerplate with reasons; empty unless `Options::explain` was set.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<Removed>,
    pub diagnostics: Diagnostics,
}

impl Article {
    /// Plain text of the running article: one block per paragraph, blocks separated by a
    /// blank line; figure captions left out.
    pub fn text(&self) -> String {
        to_text(&self.blocks)
    }

    /// Plain text with figure captions and photo credits as paragraphs of their own.
    pub fn text_with_captions(&self) -> String {
        to_text_with_captions(&self.blocks)
    }

    pub fn markdown(&self) -> String {
        to_markdown(&self.blocks)
    }

    /// Minimal clean HTML fragment of the body.
    pub fn html(&self) -> String {
        to_html(&self.blocks)
    }

    /// True when no body was found.
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// The facts as `Key: value` lines (headline, authors, dates, site, language, URL, lead
    /// image, credits, syndication source), absent ones left out: what `--with-metadata` prints
    /// above the text. Empty when nothing is known.
    pub fn metadata_header(&self) -> String {
        let mut lines = Vec::new();
        let mut push = |k: &str, v: Option<&str>| {
            if let Some(v) = v.filter(|v| !v.is_empty()) {
                lines.push(format!("{k}: {v}"));
            }
        };
        push("Title", self.title.as_deref());
        push("Authors", Some(&self.authors.join("; ")));
        push("Published", self.published.as_deref());
        push("Modified", self.modified.as_deref());
        push("Site", self.site_name.as_deref());
        push("Language", self.language.as_deref());
        push("URL", self.canonical_url.as_deref().or(self.url.as_deref()));
        if let Some(img) = &self.image {
            push("Image", Some(&img.url));
        }
        for c in &self.credits {
            push("Credit", Some(&c.text));
        }
        push("Syndicated from", self.syndication_source.as_deref());
        lines.join("\n")
    }
}
