//! The syndication test set: wire stories and their copies on other sites, with ground truth.
//!
//! Each main story runs on its wire's own site (the original) and on 2-4 newspaper sites,
//! each copy made one way: verbatim; trimmed (the last 20-50% of paragraphs cut); extended
//! (local paragraphs added at the top or the end); copy-edited (sentences reworded, a paragraph
//! dropped, two merged, quotes straightened); or trimmed and edited. Copies carry a rewritten
//! headline half the time and a wire credit line most of the time; some point their canonical
//! URL or JSON-LD `isBasedOn` at the original. Every site has its own page template (nav,
//! share widgets, teaser rails with other stories' headlines, newsletter boxes, comments).
//! Hard negatives: every story shares its topic's phrasing with the topic's other stories, and
//! follow-up stories reuse a story's town, people and sometimes one background paragraph.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::stories::{Rng, Story, TOPICS, edit};

/// A site the set publishes on.
pub struct Site {
    pub name: &'static str,
    pub host: &'static str,
    pub style: usize,
}

pub const WIRES: &[Site] = &[
    Site {
        name: "Meridian Wire",
        host: "meridianwire.example",
        style: 4,
    },
    Site {
        name: "Northstar News Service",
        host: "northstarnews.example",
        style: 4,
    },
    Site {
        name: "Coastal Press Agency",
        host: "coastalpress.example",
        style: 3,
    },
];

pub const PAPERS: &[Site] = &[
    Site {
        name: "The Callister Courier",
        host: "callistercourier.example",
        style: 0,
    },
    Site {
        name: "Valley Evening Post",
        host: "valleypost.example",
        style: 1,
    },
    Site {
        name: "Harbour Gazette",
        host: "harbourgazette.example",
        style: 2,
    },
    Site {
        name: "The Upland Herald",
        host: "uplandherald.example",
        style: 0,
    },
    Site {
        name: "Riverside Daily",
        host: "riversidedaily.example",
        style: 1,
    },
    Site {
        name: "Metro Ledger",
        host: "metroledger.example",
        style: 2,
    },
    Site {
        name: "The Weekly Beacon",
        host: "weeklybeacon.example",
        style: 3,
    },
    Site {
        name: "Plains Tribune",
        host: "plainstribune.example",
        style: 2,
    },
];

/// How a page relates to its story.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Original,
    Verbatim,
    Trimmed,
    Extended,
    Edited,
    TrimmedEdited,
    /// A different story on the same topic (same town and people).
    FollowUp,
    /// A story of its own with a single page.
    Single,
}

/// The ground truth for one page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Truth {
    pub url: String,
    pub story: u32,
    pub kind: Kind,
    /// This page is its story's original.
    pub original: bool,
    pub topic: String,
}

/// A page of the set: its HTML and what it is.
pub struct SetPage {
    pub truth: Truth,
    pub html: String,
    /// `WARC-Date`: when the crawler fetched it.
    pub fetched: String,
}

struct Content<'a> {
    site: &'a Site,
    url: String,
    title: String,
    byline: String,
    published: String,
    canonical: String,
    based_on: Option<String>,
    paragraphs: Vec<String>,
    related: Vec<(String, String)>,
    seed: u64,
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for w in s
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(7)
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&w.to_ascii_lowercase());
    }
    out
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `2024-03-DDTHH:MM:00Z` from minutes after 2024-03-01T00:00Z (at most 30 days).
fn stamp(minutes: u64) -> String {
    let day = 1 + (minutes / 1440).min(29);
    format!(
        "2024-03-{day:02}T{:02}:{:02}:00Z",
        (minutes / 60) % 24,
        minutes % 60
    )
}

const NAV: &[&str] = &[
    "News",
    "Local",
    "Business",
    "Sport",
    "Opinion",
    "Weather",
    "Obituaries",
];
const COMMENTS: &[&str] = &[
    "Same thing happens every year and nobody learns.",
    "Thanks for covering this, the national outlets never do.",
    "Who is paying for all of it, that is what I want to know.",
    "My cousin lives there and says it is worse than reported.",
];

fn render(c: &Content) -> String {
    let mut rng = Rng::new(c.seed);
    let s = c.site;
    let mut h = String::with_capacity(16 << 10);
    let title = esc(&c.title);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>{title} | {}</title>\n\
         <link rel=\"canonical\" href=\"{}\">\n<meta property=\"og:site_name\" content=\"{}\">\n\
         <meta property=\"og:url\" content=\"{}\">\n<meta property=\"og:title\" content=\"{title}\">\n<meta property=\"article:published_time\" content=\"{}\">\n",
        esc(s.name),
        esc(&c.canonical),
        esc(s.name),
        esc(&c.url),
        c.published
    );
    if s.style != 3 {
        let based = c
            .based_on
            .as_ref()
            .map(|u| format!(",\"isBasedOn\":\"{u}\""))
            .unwrap_or_default();
        let _ = writeln!(
            h,
            "<script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\
             \"headline\":\"{}\",\"datePublished\":\"{}\",\"author\":{{\"@type\":\"Person\",\"name\":\"{}\"}},\
             \"publisher\":{{\"@type\":\"Organization\",\"name\":\"{}\"}}{based}}}</script>",
            c.title.replace('"', "'"),
            c.published,
            c.byline.replace('"', "'"),
            s.name
        );
    }
    h.push_str("<script>window.dataLayer=window.dataLayer||[];</script></head>\n<body>\n");
    let nav: String = NAV
        .iter()
        .map(|n| {
            format!(
                "<li><a href=\"https://{}/{}\">{n}</a></li>",
                s.host,
                n.to_lowercase()
            )
        })
        .collect();
    let related: String = c
        .related
        .iter()
        .map(|(t, u)| format!("<li><a href=\"{u}\">{}</a></li>", esc(t)))
        .collect();
    let body: Vec<String> = c
        .paragraphs
        .iter()
        .map(|p| format!("<p>{}</p>", esc(p)))
        .collect();
    let byline = esc(&c.byline);
    match s.style {
        // Classic newspaper: header, article, share bar, related aside, footer.
        0 => {
            let _ = write!(
                h,
                "<header class=\"site-header\"><a class=\"logo\" href=\"/\">{}</a><nav><ul>{nav}</ul></nav></header>\n\
                 <div class=\"layout\"><article class=\"story\"><h1>{title}</h1>\n\
                 <p class=\"byline\">By {byline}</p><time datetime=\"{}\">{}</time>\n\
                 <ul class=\"share-tools\"><li><a href=\"#\">Share</a></li><li><a href=\"#\">Email</a></li><li><a href=\"#\">Print</a></li></ul>\n\
                 <div class=\"story-body\">\n{}\n</div></article>\n\
                 <aside class=\"related\"><h3>More from {}</h3><ul>{related}</ul></aside></div>\n",
                esc(s.name),
                c.published,
                &c.published[..10],
                body.join("\n"),
                esc(s.name)
            );
        }
        // WordPress-style blog theme with comments and a sidebar.
        1 => {
            let mut b = body.clone();
            if b.len() > 4 && !c.related.is_empty() {
                let (t, u) = &c.related[0];
                b.insert(
                    3,
                    format!(
                        "<p><strong>Read more:</strong> <a href=\"{u}\">{}</a></p>",
                        esc(t)
                    ),
                );
            }
            let comments: String = (0..3)
                .map(|_| format!("<li class=\"comment\"><p>{}</p></li>", rng.pick(COMMENTS)))
                .collect();
            let _ = write!(
                h,
                "<div id=\"page\"><div id=\"masthead\"><h2 class=\"site-title\">{}</h2><ul class=\"menu\">{nav}</ul></div>\n\
                 <div id=\"content\" class=\"site-content\"><div class=\"post\"><h1 class=\"entry-title\">{title}</h1>\n\
                 <div class=\"entry-meta\">Posted on {} by {byline}</div>\n<div class=\"entry-content\">\n{}\n\
                 <div class=\"sharedaddy\"><h3>Share this:</h3><a href=\"#\">Facebook</a> <a href=\"#\">X</a></div></div></div>\n\
                 <div id=\"comments\"><h3>3 comments</h3><ol>{comments}</ol></div></div>\n\
                 <div id=\"secondary\" class=\"widget-area\"><h3>Most popular</h3><ul>{related}</ul></div></div>\n",
                esc(s.name),
                &c.published[..10],
                b.join("\n")
            );
        }
        // Modern layout: figure, newsletter box mid-article, teaser cards.
        2 => {
            let mut b = body.clone();
            let fig = format!(
                "<figure><img src=\"/img/{}.jpg\" alt=\"\"><figcaption>The scene on {}. (Photo: {})</figcaption></figure>",
                c.seed % 9973,
                &c.published[..10],
                esc(s.name)
            );
            b.insert(b.len().min(2), fig);
            let mid = b.len() / 2;
            b.insert(
                mid,
                "<div class=\"newsletter-signup\"><h4>Get the morning briefing</h4><p>Sign up for our free newsletter.</p><form><input type=\"email\"><button>Subscribe</button></form></div>".into(),
            );
            let cards: String = c
                .related
                .iter()
                .map(|(t, u)| {
                    format!(
                        "<div class=\"card\"><a href=\"{u}\"><h4>{}</h4></a></div>",
                        esc(t)
                    )
                })
                .collect();
            let _ = write!(
                h,
                "<div class=\"topbar\"><span>{}</span><ul>{nav}</ul><a class=\"subscribe\" href=\"/subscribe\">Subscribe</a></div>\n\
                 <main><div class=\"article-wrapper\"><header class=\"article-header\"><h1>{title}</h1>\n\
                 <div class=\"meta\"><span class=\"author\">{byline}</span> <span class=\"date\">{}</span></div></header>\n\
                 <section class=\"article-content\">\n{}\n</section></div>\n\
                 <section class=\"recommended\"><h2>Recommended</h2>{cards}</section></main>\n",
                esc(s.name),
                &c.published[..10],
                b.join("\n")
            );
        }
        // Plain, old-fashioned page: container, date line, paragraphs, tags.
        3 => {
            let _ = write!(
                h,
                "<div class=\"container\"><div class=\"masthead\"><a href=\"/\">{}</a> | {}</div>\n\
                 <h1>{title}</h1><div class=\"date\">{} - {byline}</div>\n{}\n\
                 <div class=\"tags\">Tags: <a href=\"/t/{}\">{}</a></div>\n\
                 <div class=\"more\"><b>Other stories</b><ul>{related}</ul></div></div>\n",
                esc(s.name),
                NAV[..4].join(" | "),
                &c.published[..10],
                body.join("\n"),
                TOPICS[(c.seed % TOPICS.len() as u64) as usize].name,
                TOPICS[(c.seed % TOPICS.len() as u64) as usize].name
            );
        }
        // Wire service site: licensing box and a wire feed list.
        _ => {
            let _ = write!(
                h,
                "<div class=\"wire-header\"><a href=\"/\">{}</a><span>Licensed news for publishers</span></div>\n\
                 <div class=\"wire-story\"><h1>{title}</h1><div class=\"credit\">{byline}</div>\
                 <div class=\"timestamp\">{}</div>\n<div class=\"text\">\n{}\n</div>\n\
                 <div class=\"licensing\">To license this story for your publication, contact our syndication desk.</div></div>\n\
                 <div class=\"feed\"><h3>Latest from the wire</h3><ul>{related}</ul></div>\n",
                esc(s.name),
                c.published,
                body.join("\n")
            );
        }
    }
    let _ = write!(
        h,
        "<footer><p>&copy; 2024 {}. All rights reserved.</p><a href=\"/privacy\">Privacy</a> <a href=\"/terms\">Terms</a></footer>\n</body></html>\n",
        esc(s.name)
    );
    h
}

/// Builds the set: `stories` main stories (each an original and 2-4 copies), plus follow-ups
/// and single stories as hard negatives. Same seed, same set.
pub fn build(stories: usize, seed: u64) -> Vec<SetPage> {
    let mut rng = Rng::new(seed);
    let mut pages = Vec::new();
    let mut next_story = 0u32;
    let mut mains: Vec<Story> = Vec::new();
    let mut headlines: Vec<(String, String)> = Vec::new();
    for i in 0..stories {
        let story = Story::new(&mut rng, i % TOPICS.len());
        headlines.push((
            story.headline.clone(),
            format!(
                "https://{}/{}",
                WIRES[i % WIRES.len()].host,
                slug(&story.headline)
            ),
        ));
        mains.push(story);
    }
    let related = |rng: &mut Rng| -> Vec<(String, String)> {
        (0..4)
            .map(|_| headlines[rng.below(headlines.len())].clone())
            .collect()
    };
    for (i, story) in mains.iter().enumerate() {
        let id = next_story;
        next_story += 1;
        let topic = TOPICS[story.facts.topic].name.to_owned();
        let wire = &WIRES[i % WIRES.len()];
        let t0 = (i as u64 * 97) % (28 * 1440);
        let url = format!(
            "https://www.{}/2024/03/{}-{i}",
            wire.host,
            slug(&story.headline)
        );
        let month_day = format!("March {}", 1 + t0 / 1440);
        let dateline = format!(
            "{}, {month_day} ({}) \u{2014} ",
            story.facts.town.to_uppercase(),
            wire.name
        );
        let mut paragraphs = story.paragraphs.clone();
        paragraphs[0] = format!("{dateline}{}", paragraphs[0]);
        let author = crate::stories::name(&mut rng);
        pages.push(SetPage {
            truth: Truth {
                url: url.clone(),
                story: id,
                kind: Kind::Original,
                original: true,
                topic: topic.clone(),
            },
            html: render(&Content {
                site: wire,
                url: url.clone(),
                title: story.headline.clone(),
                byline: author.clone(),
                published: stamp(t0),
                canonical: url.clone(),
                based_on: None,
                paragraphs: paragraphs.clone(),
                related: related(&mut rng),
                seed: rng.next_u64(),
            }),
            fetched: stamp(t0 + 30),
        });
        // Copies: 2-4 distinct kinds on distinct papers.
        let mut kinds = vec![
            Kind::Verbatim,
            Kind::Trimmed,
            Kind::Extended,
            Kind::Edited,
            Kind::TrimmedEdited,
        ];
        for k in (1..kinds.len()).rev() {
            let j = rng.below(k + 1);
            kinds.swap(k, j);
        }
        let copies = rng.range(2, 4);
        let mut papers: Vec<usize> = (0..PAPERS.len()).collect();
        for k in (1..papers.len()).rev() {
            let j = rng.below(k + 1);
            papers.swap(k, j);
        }
        for (c, kind) in kinds.into_iter().take(copies).enumerate() {
            let paper = &PAPERS[papers[c]];
            let mut body = match kind {
                Kind::Edited | Kind::TrimmedEdited => edit(&paragraphs, &mut rng),
                _ => paragraphs.clone(),
            };
            if matches!(kind, Kind::Trimmed | Kind::TrimmedEdited) {
                let keep = (body.len() as f64 * (0.5 + 0.3 * (rng.below(100) as f64 / 100.0)))
                    .ceil() as usize;
                body.truncate(keep.max(3));
            }
            if kind == Kind::Extended {
                let n = rng.range(1, 3);
                let local: Vec<String> = (0..n)
                    .map(|_| story.local_paragraph(&mut rng, paper.name))
                    .collect();
                if rng.chance(0.5) {
                    body.splice(0..0, local);
                } else {
                    body.extend(local);
                }
            }
            match rng.below(5) {
                0 => body.push(format!(
                    "This story was originally published by {}.",
                    wire.name
                )),
                1 => body.push(format!("\u{2014} {}", wire.name)),
                2 => body.push(format!("{} contributed to this report.", wire.name)),
                3 => body.push(format!(
                    "Reporting by {author}; editing by {}.",
                    crate::stories::name(&mut rng)
                )),
                _ => {}
            }
            let title = if rng.chance(0.5) {
                story.rewritten_headline(&mut rng)
            } else {
                story.headline.clone()
            };
            let curl = format!(
                "https://{}/news/{}-{}",
                paper.host,
                slug(&title),
                1000 + i * 7 + c
            );
            let canonical = if rng.chance(0.4) {
                url.clone()
            } else {
                curl.clone()
            };
            let based_on = (rng.chance(0.3)).then(|| url.clone());
            let byline = if rng.chance(0.5) {
                wire.name.to_owned()
            } else {
                author.clone()
            };
            let t = t0 + 60 + rng.below(30 * 60) as u64;
            pages.push(SetPage {
                truth: Truth {
                    url: curl.clone(),
                    story: id,
                    kind,
                    original: false,
                    topic: topic.clone(),
                },
                html: render(&Content {
                    site: paper,
                    url: curl,
                    title,
                    byline,
                    published: stamp(t),
                    canonical,
                    based_on,
                    paragraphs: body,
                    related: related(&mut rng),
                    seed: rng.next_u64(),
                }),
                fetched: stamp(t + 45),
            });
        }
    }
    // Hard negatives: follow-ups (same town and people, new event; some reuse one background
    // paragraph), and single stories on the same topics.
    for (i, story) in mains.iter().enumerate() {
        let follow = i % 3 == 0;
        let single = i % 4 == 1;
        if !follow && !single {
            continue;
        }
        let id = next_story;
        next_story += 1;
        let mut facts = if follow {
            story.facts.clone()
        } else {
            crate::stories::Facts::new(&mut rng, story.facts.topic)
        };
        facts.day = rng
            .pick(&["Monday", "Wednesday", "Friday", "Sunday"])
            .to_string();
        let mut other = Story::with_facts(&mut rng, facts);
        if follow && rng.chance(0.4) {
            let p = story.paragraphs[story.paragraphs.len() - 1].clone();
            other.paragraphs.push(p);
        }
        let paper = &PAPERS[rng.below(PAPERS.len())];
        let url = format!(
            "https://{}/news/{}-{}",
            paper.host,
            slug(&other.headline),
            50_000 + i
        );
        let t = (i as u64 * 97) % (28 * 1440) + 1440;
        pages.push(SetPage {
            truth: Truth {
                url: url.clone(),
                story: id,
                kind: if follow { Kind::FollowUp } else { Kind::Single },
                original: true,
                topic: TOPICS[story.facts.topic].name.to_owned(),
            },
            html: render(&Content {
                site: paper,
                url: url.clone(),
                title: other.headline.clone(),
                byline: crate::stories::name(&mut rng),
                published: stamp(t),
                canonical: url,
                based_on: None,
                paragraphs: other.paragraphs.clone(),
                related: related(&mut rng),
                seed: rng.next_u64(),
            }),
            fetched: stamp(t + 60),
        });
    }
    // Crawl order is not publication order: interleave deterministically.
    let mut order: Vec<(u64, SetPage)> = pages.into_iter().map(|p| (rng.next_u64(), p)).collect();
    order.sort_by_key(|(k, _)| *k);
    order.into_iter().map(|(_, p)| p).collect()
}

/// Pairwise scores of predicted story groups against the truth, over the pages both know.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PairScore {
    pub pages: usize,
    pub true_pairs: u64,
    pub predicted_pairs: u64,
    pub correct_pairs: u64,
    pub precision: f64,
    pub recall: f64,
    /// Multi-page stories whose predicted original is the true original, and their number.
    pub originals_right: usize,
    pub originals: usize,
}

/// Scores `(url, predicted story, predicted original url)` against the truth.
pub fn score(truth: &[Truth], predicted: &[(String, u64, String)]) -> PairScore {
    use std::collections::HashMap;
    let by_url: HashMap<&str, &Truth> = truth.iter().map(|t| (t.url.as_str(), t)).collect();
    let mut cells: HashMap<(u32, u64), u64> = HashMap::new();
    let mut true_sizes: HashMap<u32, u64> = HashMap::new();
    let mut pred_sizes: HashMap<u64, u64> = HashMap::new();
    let mut pages = 0;
    let mut pred_original: HashMap<u32, Vec<&str>> = HashMap::new();
    for (url, story, original) in predicted {
        let Some(t) = by_url.get(url.as_str()) else {
            continue;
        };
        pages += 1;
        *cells.entry((t.story, *story)).or_default() += 1;
        *true_sizes.entry(t.story).or_default() += 1;
        *pred_sizes.entry(*story).or_default() += 1;
        pred_original.entry(t.story).or_default().push(original);
    }
    let pairs = |n: &u64| n * n.saturating_sub(1) / 2;
    let correct: u64 = cells.values().map(pairs).sum();
    let true_pairs: u64 = true_sizes.values().map(pairs).sum();
    let predicted_pairs: u64 = pred_sizes.values().map(pairs).sum();
    let originals_true: HashMap<u32, &str> = truth
        .iter()
        .filter(|t| t.original)
        .map(|t| (t.story, t.url.as_str()))
        .collect();
    let mut originals = 0;
    let mut originals_right = 0;
    for (story, n) in &true_sizes {
        if *n < 2 {
            continue;
        }
        originals += 1;
        let right = originals_true.get(story);
        let named = &pred_original[story];
        if right.is_some_and(|r| named.iter().all(|o| o == r)) {
            originals_right += 1;
        }
    }
    PairScore {
        pages,
        true_pairs,
        predicted_pairs,
        correct_pairs: correct,
        precision: if predicted_pairs == 0 {
            1.0
        } else {
            correct as f64 / predicted_pairs as f64
        },
        recall: if true_pairs == 0 {
            1.0
        } else {
            correct as f64 / true_pairs as f64
        },
        originals_right,
        originals,
    }
}
