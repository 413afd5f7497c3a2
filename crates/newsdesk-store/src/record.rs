//! What the store keeps of one article: the `Article` itself (as JSON) plus the columns that
//! queries, grouping and the index need, computed once at ingest.

use newsdesk::{Article, Block};

/// One article ready to be written.
#[derive(Clone, Debug)]
pub struct Record {
    pub id: String,
    pub url: Option<String>,
    pub title: String,
    pub site: Option<String>,
    pub lang: Option<String>,
    pub published: Option<String>,
    /// Seconds since 1970: publication time, else crawl time, else ingest time.
    pub sort_ts: i64,
    pub excerpt: String,
    /// Title and lead paragraphs: what "related" compares.
    pub lead: String,
    pub text: String,
    pub image: Option<String>,
    pub canonical: Option<String>,
    pub syndication: Option<String>,
    /// Credited organisations, tab-separated (dedup evidence).
    pub credit_orgs: String,
    pub article_json: String,
}

/// Characters of lead text (title + first paragraphs) that "related" compares: enough for
/// the story's gist, not so much that shared boilerplate sentences dominate.
const LEAD_CHARS: usize = 900;
const EXCERPT_CHARS: usize = 280;

impl Record {
    /// `key` identifies the page when it has no URL (the batch row id, a path).
    pub fn new(
        article: &Article,
        key: &str,
        crawl_date: Option<&str>,
        now: i64,
    ) -> Result<Record, serde_json::Error> {
        // Pages from files carry no fetch URL; their canonical link is the best address.
        let url = [&article.url, &article.canonical_url]
            .into_iter()
            .flatten()
            .find(|u| u.starts_with("http://") || u.starts_with("https://"))
            .cloned();
        let id = crate::ids::article_id(url.as_deref().unwrap_or(key));
        let title = article.title.clone().unwrap_or_default();
        let minutes = |s: Option<&str>| s.and_then(newsdesk_dedup::parse_minutes);
        let sort_ts = minutes(article.published.as_deref())
            .or_else(|| minutes(crawl_date))
            .map_or(now, |m| m * 60);
        let paragraphs: Vec<&str> = article
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph { text } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        let mut lead = title.clone();
        for p in &paragraphs {
            if lead.len() >= LEAD_CHARS {
                break;
            }
            lead.push('\n');
            lead.push_str(p);
        }
        let first = article
            .description
            .as_deref()
            .filter(|d| d.len() > 40)
            .or(paragraphs.first().copied())
            .unwrap_or("");
        let credit_orgs = article
            .credits
            .iter()
            .flat_map(|c| c.organisations.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join("\t");
        Ok(Record {
            id,
            url,
            title,
            site: article.site_name.clone(),
            lang: article.language.clone(),
            published: article.published.clone(),
            sort_ts,
            excerpt: clip(first, EXCERPT_CHARS),
            lead: clip(&lead, LEAD_CHARS + 400),
            text: article.text(),
            image: article.image.as_ref().map(|i| i.url.clone()),
            canonical: article.canonical_url.clone(),
            syndication: article.syndication_source.clone(),
            credit_orgs,
            article_json: serde_json::to_string(&slim(article))?,
        })
    }
}

/// The article as stored: without `removed` (the explain output), which only batch users
/// asked for and which can be larger than the article.
fn slim(article: &Article) -> Article {
    let mut a = article.clone();
    a.removed.clear();
    a
}

/// At most `max` bytes, cut at a word boundary, with an ellipsis when cut.
pub fn clip(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.len() <= max {
        return s.to_owned();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let cut = s[..end].rfind(char::is_whitespace).unwrap_or(end);
    format!("{}…", s[..cut].trim_end())
}

#[cfg(test)]
mod tests {
    use super::clip;

    #[test]
    fn clip_cuts_at_words() {
        assert_eq!(clip("short", 10), "short");
        assert_eq!(clip("one two three four", 10), "one two…");
        assert_eq!(clip("ééééé", 3), "é…");
    }
}
