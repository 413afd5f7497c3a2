//! Stage 4 (read) and stage 7 (complete): the article's facts.
//! Placeholder until issue 3 lands: title from Open Graph or `<title>` only.

pub(crate) mod credits;

use newsdesk_dom::Tag;
use newsdesk_model::Article;

use crate::Page;
use crate::text::fold_ws;

/// What stage 4 learned from the markup, handed to the body stage and then to stage 7.
#[derive(Clone, Debug, Default)]
pub(crate) struct Metadata {
    pub title: Option<String>,
}

pub(crate) fn read(page: &Page) -> Metadata {
    let doc = page.doc;
    let mut title = None;
    for n in doc.descendants(doc.root()) {
        match doc.tag(n) {
            Some(Tag::Meta) if doc.attr(n, "property") == Some("og:title") => {
                title = doc.attr(n, "content").map(fold_ws);
                break;
            }
            Some(Tag::Title) if title.is_none() => title = Some(fold_ws(&doc.text_content(n))),
            Some(Tag::Body) => break,
            _ => {}
        }
    }
    Metadata {
        title: title.filter(|t| !t.is_empty()),
    }
}

pub(crate) fn complete(article: &mut Article, meta: Metadata, _page: &Page) {
    article.title = meta.title;
}
