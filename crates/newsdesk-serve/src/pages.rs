//! The reader: server-rendered HTML pages that work without JavaScript.
//!
//! Every piece of text from the store goes through `escape_html`, and the article body, which
//! is HTML, through ammonia; the pages load nothing but the article's own images.

use std::fmt::Write as _;
use std::sync::OnceLock;

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use newsdesk::Article;
use newsdesk_model::escape_html as esc;
use newsdesk_store::{Related, SearchPage, StoredArticle, StorySummary, StoryView, Summary};

use crate::api::{SearchQuery, path_id, query};
use crate::error::ApiError;
use crate::{Shared, blocking};

/// Stories on the front page.
const HOME_STORIES: usize = 30;

const STYLE: &str = r#"
:root{--fg:#1d1d1f;--muted:#5c5f66;--line:#dcdde0;--bg:#fff;--accent:#0b57d0;--card:#f6f7f9}
*{box-sizing:border-box}
body{margin:0;font:17px/1.6 Georgia,"Times New Roman",serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
header.site{border-bottom:1px solid var(--line);padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;justify-content:space-between;font-family:system-ui,sans-serif}
header.site .brand{font-weight:700;font-size:1.25rem;text-decoration:none;color:var(--fg)}
form.search{display:flex;gap:.4rem;flex:1 1 18rem;max-width:32rem}
form.search input{flex:1;font:inherit;padding:.45rem .6rem;border:1px solid #8a8d94;border-radius:4px;min-width:0}
form.search button{font:inherit;padding:.45rem .9rem;border:0;border-radius:4px;background:var(--accent);color:#fff;cursor:pointer}
main{max-width:46rem;margin:0 auto;padding:1rem}
.meta,.byline{color:var(--muted);font:14px/1.4 system-ui,sans-serif}
ol.list{list-style:none;padding:0;margin:0}
ol.list li{border-bottom:1px solid var(--line);padding:.9rem 0}
ol.list h2,ol.list h3{font-size:1.15rem;margin:0 0 .25rem;line-height:1.3}
ol.list p{margin:.25rem 0}
article h1{font-size:2rem;line-height:1.2;margin:.5rem 0}
article img{max-width:100%;height:auto}
figure{margin:1rem 0}figcaption{color:var(--muted);font:14px/1.4 system-ui,sans-serif;margin-top:.3rem}
figcaption small,.credit{color:var(--muted);font-size:.85em}
blockquote{border-left:3px solid var(--line);margin:1rem 0;padding-left:1rem;color:#33363b}
table{border-collapse:collapse;width:100%;display:block;overflow-x:auto}td,th{border:1px solid var(--line);padding:.3rem .5rem}
section.copies,aside.related{margin-top:2rem;border-top:2px solid var(--fg);padding-top:.5rem}
section.copies h2,aside.related h2{font:700 1rem/1.4 system-ui,sans-serif;text-transform:uppercase;letter-spacing:.04em}
aside.related ol{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:1rem}
aside.related li{background:var(--card);border-radius:6px;padding:.75rem}
aside.related h3{font-size:1rem;margin:0 0 .3rem;line-height:1.3}
nav.pages{display:flex;gap:1rem;margin:1rem 0;font-family:system-ui,sans-serif}
footer{color:var(--muted);font:13px system-ui,sans-serif;text-align:center;padding:2rem 1rem}
@media (max-width:600px){body{font-size:16px}article h1{font-size:1.5rem}}
"#;

fn layout(title: &str, q: &str, body: &str) -> String {
    format!(
        r##"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · newsdesk</title>
<style>{STYLE}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<a class="brand" href="/">newsdesk</a>
<form class="search" role="search" action="/search" method="get">
<label for="q" class="skip">Search articles</label>
<input id="q" name="q" type="search" placeholder="Search articles" value="{q}" maxlength="512">
<button type="submit">Search</button>
</form>
</header>
<main id="main">
{body}
</main>
<footer>Articles extracted by newsdesk from the pages they were published on.</footer>
</body>
</html>
"##,
        title = esc(title),
        q = esc(q),
    )
}

fn html(status: StatusCode, page: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            // Nothing on these pages needs script; forbid it outright.
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; img-src * data:; style-src 'unsafe-inline'; form-action 'self'",
            ),
        ],
        page,
    )
        .into_response()
}

pub fn error_page(e: &ApiError) -> Response {
    let body = format!(
        "<h1>{}</h1><p>{}</p><p><a href=\"/\">Back to the latest stories</a></p>",
        e.status.as_u16(),
        esc(&e.message)
    );
    html(e.status, layout("Error", "", &body))
}

fn page_result(r: Result<String, ApiError>) -> Response {
    match r {
        Ok(p) => html(StatusCode::OK, p),
        Err(e) => error_page(&e),
    }
}

fn summary_meta(s: &Summary) -> String {
    let mut m = String::new();
    if let Some(site) = &s.site {
        m.push_str(&esc(site));
        m.push_str(" · ");
    }
    let _ = write!(m, "<time datetime=\"{0}\">{0}</time>", esc(&s.date));
    m
}

fn summary_item(s: &Summary, heading: &str, extra: &str) -> String {
    format!(
        "<li><{heading}><a href=\"/a/{id}\">{title}</a></{heading}><p class=\"meta\">{meta}{extra}</p><p>{excerpt}</p></li>",
        id = esc(&s.id),
        title = esc(if s.title.is_empty() {
            "(untitled)"
        } else {
            &s.title
        }),
        meta = summary_meta(s),
        excerpt = esc(&s.excerpt),
    )
}

pub async fn home(State(app): State<Shared>) -> Response {
    let r = blocking(move || Ok(app.store.latest(0, HOME_STORIES)?)).await;
    page_result(r.map(|stories| render_home(&stories)))
}

fn render_home(stories: &[StorySummary]) -> String {
    let mut b = String::from("<h1>Latest stories</h1>");
    if stories.is_empty() {
        b.push_str("<p>No articles yet. Load some with <code>newsdesk ingest</code>.</p>");
    } else {
        b.push_str("<ol class=\"list\">");
        for s in stories {
            let extra = if s.copies > 1 {
                format!(" · {} outlets", s.copies)
            } else {
                String::new()
            };
            b.push_str(&summary_item(&s.summary, "h2", &extra));
        }
        b.push_str("</ol>");
    }
    layout("Latest stories", "", &b)
}

pub async fn search(
    State(app): State<Shared>,
    q: Result<Query<SearchQuery>, QueryRejection>,
) -> Response {
    let sq = match query(q) {
        Ok(v) => v,
        Err(e) => return error_page(&e),
    };
    let params = match sq.params() {
        Ok(p) => p,
        Err(e) => return error_page(&e),
    };
    let r = blocking(move || Ok(app.store.search(&params)?)).await;
    page_result(r.map(|page| render_search(&page, &sq)))
}

fn render_search(page: &SearchPage, sq: &SearchQuery) -> String {
    let mut b = String::new();
    if page.q.is_empty() {
        b.push_str("<h1>Search</h1>");
    } else {
        let _ = write!(b, "<h1>Results for “{}”</h1>", esc(&page.q));
    }
    let _ = write!(
        b,
        "<p class=\"meta\" role=\"status\">{} article{} found</p>",
        page.total,
        if page.total == 1 { "" } else { "s" }
    );
    if !page.items.is_empty() {
        b.push_str("<ol class=\"list results\">");
        for s in &page.items {
            b.push_str(&summary_item(s, "h2", ""));
        }
        b.push_str("</ol>");
    }
    let link = |p: u32| {
        let mut u = String::from("/search?q=");
        u.push_str(&encode(&page.q));
        for (k, v) in [
            ("site", &sq.site),
            ("lang", &sq.lang),
            ("from", &sq.from),
            ("to", &sq.to),
        ] {
            if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
                let _ = write!(u, "&{k}={}", encode(v));
            }
        }
        let _ = write!(u, "&page={p}");
        esc(&u)
    };
    if page.pages > 1 {
        b.push_str("<nav class=\"pages\" aria-label=\"Result pages\">");
        if page.page > 1 {
            let _ = write!(
                b,
                "<a rel=\"prev\" href=\"{}\">← Newer</a>",
                link(page.page - 1)
            );
        }
        let _ = write!(b, "<span>Page {} of {}</span>", page.page, page.pages);
        if page.page < page.pages {
            let _ = write!(
                b,
                "<a rel=\"next\" href=\"{}\">Older →</a>",
                link(page.page + 1)
            );
        }
        b.push_str("</nav>");
    }
    layout(&format!("Search: {}", page.q), &page.q, &b)
}

/// Percent-encodes a query value.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

pub async fn article(
    State(app): State<Shared>,
    id: Result<Path<String>, PathRejection>,
) -> Response {
    let id = match path_id(id) {
        Ok(id) => id,
        Err(e) => return error_page(&e),
    };
    let r = blocking(move || {
        let Some(a) = app.store.article(&id)? else {
            return Err(ApiError::not_found("There is no article at this address."));
        };
        let story = app.store.story(a.summary.story)?;
        let related = app.store.related(&id, crate::api::DEFAULT_RELATED)?;
        Ok(render_article(
            &a,
            story.as_ref(),
            related.as_deref().unwrap_or(&[]),
        ))
    })
    .await;
    page_result(r)
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static S: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    S.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_allowed_classes("p", ["credit"]);
        b.url_schemes(["http", "https"].into_iter().collect());
        b
    })
}

fn render_article(a: &StoredArticle, story: Option<&StoryView>, related: &[Related]) -> String {
    let art: &Article = &a.article;
    let s = &a.summary;
    let title = if s.title.is_empty() {
        "(untitled)"
    } else {
        s.title.as_str()
    };
    let mut b = String::from("<article>");
    let _ = write!(b, "<h1>{}</h1>", esc(title));
    b.push_str("<p class=\"byline\">");
    if !art.authors.is_empty() {
        let _ = write!(
            b,
            "By <span class=\"authors\">{}</span> · ",
            esc(&art.authors.join(", "))
        );
    }
    let date = art.published.as_deref().unwrap_or(&s.date);
    let _ = write!(
        b,
        "<time datetime=\"{0}\">{1}</time>",
        esc(date),
        esc(&s.date)
    );
    if let Some(site) = &s.site {
        let _ = write!(b, " · <span class=\"site\">{}</span>", esc(site));
    }
    if let Some(url) = s.url.as_deref().filter(|u| u.starts_with("http")) {
        let _ = write!(
            b,
            " · <a href=\"{}\" rel=\"nofollow noopener\">Original page</a>",
            esc(url)
        );
    }
    b.push_str("</p>");
    let body_html = art.html();
    if let Some(img) = &art.image {
        // The lead image, unless the body already opens with it.
        if !body_html.contains(&esc(&img.url)) && img.url.starts_with("http") {
            let _ = write!(
                b,
                "<figure class=\"lead\"><img src=\"{}\" alt=\"{}\">",
                esc(&img.url),
                esc(img.alt.as_deref().or(img.caption.as_deref()).unwrap_or(""))
            );
            if img.caption.is_some() || img.credit.is_some() {
                b.push_str("<figcaption>");
                if let Some(c) = &img.caption {
                    b.push_str(&esc(c));
                }
                if let Some(c) = &img.credit {
                    let _ = write!(b, " <small>{}</small>", esc(c));
                }
                b.push_str("</figcaption>");
            }
            b.push_str("</figure>");
        }
    }
    b.push_str("<div class=\"body\">");
    b.push_str(&sanitizer().clean(&body_html).to_string());
    b.push_str("</div>");
    let has_credit_block = art
        .blocks
        .iter()
        .any(|bl| matches!(bl, newsdesk::Block::Credit { .. }));
    if !art.credits.is_empty() && !has_credit_block {
        b.push_str("<footer class=\"credits\">");
        for c in &art.credits {
            let _ = write!(b, "<p class=\"credit\">{}</p>", esc(&c.text));
        }
        b.push_str("</footer>");
    }
    b.push_str("</article>");

    let others: Vec<&Summary> = story
        .map(|st| st.articles.iter().filter(|o| o.id != s.id).collect())
        .unwrap_or_default();
    if !others.is_empty() {
        b.push_str(
            "<section class=\"copies\" aria-labelledby=\"copies-h\"><h2 id=\"copies-h\">Also published by</h2><ul>",
        );
        for o in others {
            let _ = write!(
                b,
                "<li><a href=\"/a/{}\">{}</a> <span class=\"meta\"><time datetime=\"{2}\">{2}</time>{3}</span></li>",
                esc(&o.id),
                esc(o.site.as_deref().unwrap_or(&o.title)),
                esc(&o.date),
                if o.original { " · original" } else { "" }
            );
        }
        b.push_str("</ul></section>");
    }
    b.push_str(
        "<aside class=\"related\" aria-labelledby=\"related-h\"><h2 id=\"related-h\">You May Also Like</h2>",
    );
    if related.is_empty() {
        b.push_str("<p class=\"meta\">Nothing related yet.</p>");
    } else {
        b.push_str("<ol>");
        for r in related {
            let _ = write!(
                b,
                "<li><h3><a href=\"/a/{}\">{}</a></h3><p class=\"meta\">{}</p></li>",
                esc(&r.summary.id),
                esc(&r.summary.title),
                summary_meta(&r.summary)
            );
        }
        b.push_str("</ol>");
    }
    b.push_str("</aside>");
    layout(title, "", &b)
}
