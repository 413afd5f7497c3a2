//! Whole-pipeline tests of the metadata stage, one small hand-written page per source, plus
//! malformed inputs. Pages are invented for these tests.

use crate::{Options, extract};

fn run(html: &str, url: &str) -> newsdesk_model::Article {
    let options = Options {
        url: Some(url.to_owned()),
        reference_date: Some("2024-06-01".to_owned()),
        ..Default::default()
    };
    extract(html.as_bytes(), &options).expect("page extracts")
}

const BODY: &str = "<p>The council met on Tuesday evening to discuss the future of the old \
    harbour bridge, which has been closed to heavy traffic since the winter storms damaged two \
    of its supports. Engineers presented three options, ranging from a full replacement to a \
    careful repair of the existing steel frame.</p><p>Residents who attended the meeting asked \
    for a decision before the summer, when the ferry timetable changes and the detour through \
    the town centre becomes even busier than it already is on weekdays.</p>";

#[test]
fn json_ld_graph_nested_and_array_authors() {
    let html = format!(
        r##"<html lang="en"><head><title>Bridge to close | Harbour Times</title>
        <script type="application/ld+json">{{"@context":"https://schema.org","@graph":[
          {{"@type":"WebSite","@id":"#site","name":"Harbour Times"}},
          {{"@type":"Person","@id":"#ana","name":"Ana Lindqvist"}},
          {{"@type":"NewsArticle","headline":"Harbour bridge to close for repairs",
            "author":[{{"@id":"#ana"}},{{"@type":"Person","name":"By Tomas Berg, Staff Writer"}}],
            "datePublished":"2024-03-05T09:30:00+01:00","dateModified":"2024-03-06T08:00:00+01:00",
            "publisher":{{"@type":"NewsMediaOrganization","name":"Harbour Times"}},
            "articleSection":"Local","keywords":["bridge","council","Bridge"],
            "image":{{"@type":"ImageObject","url":"/img/bridge.jpg"}},
            "articleBody":"The council met.\n\nResidents asked."}}]}}</script>
        </head><body><h1>Harbour bridge to close for repairs</h1>{BODY}</body></html>"##
    );
    let a = run(&html, "https://harbourtimes.example/news/bridge");
    assert_eq!(
        a.title.as_deref(),
        Some("Harbour bridge to close for repairs")
    );
    assert_eq!(a.authors, vec!["Ana Lindqvist", "Tomas Berg"]);
    assert_eq!(
        a.sources.get("authors").map(String::as_str),
        Some("json-ld")
    );
    assert_eq!(a.published.as_deref(), Some("2024-03-05T09:30:00+01:00"));
    assert_eq!(a.published_source.as_deref(), Some("json-ld"));
    assert_eq!(a.modified.as_deref(), Some("2024-03-06T08:00:00+01:00"));
    assert_eq!(a.site_name.as_deref(), Some("Harbour Times"));
    assert_eq!(a.section.as_deref(), Some("Local"));
    assert_eq!(a.tags, vec!["bridge", "council"]);
    assert_eq!(
        a.image.as_ref().map(|i| i.url.as_str()),
        Some("https://harbourtimes.example/img/bridge.jpg")
    );
    assert_eq!(a.language.as_deref(), Some("en"));
}

#[test]
fn open_graph_metas_and_title_reconciliation() {
    let html = format!(
        r#"<html><head>
        <title>Harbour bridge to close - Local News | Harbour Times</title>
        <meta property="og:title" content="Harbour bridge to close | Harbour Times">
        <meta property="og:site_name" content="Harbour Times">
        <meta name="twitter:title" content="Bridge closes">
        <meta property="og:description" content="Repairs start in May.">
        <meta property="og:image" content="https://cdn.example/bridge.jpg">
        <meta property="og:image:alt" content="The bridge at dusk">
        <meta property="og:locale" content="en_GB">
        <meta property="article:published_time" content="2024-03-05">
        <meta property="article:modified_time" content="2024-03-07T10:00:00Z">
        <meta property="article:section" content="Local">
        <meta property="article:tag" content="bridges"><meta property="article:tag" content="council">
        <meta name="keywords" content="council, harbour, Bridges">
        <meta name="author" content="Ana Lindqvist and Tomas Berg">
        <link rel="canonical" href="/news/bridge?ref=1">
        </head><body><h1>Harbour bridge to close</h1>{BODY}</body></html>"#
    );
    let a = run(&html, "https://harbourtimes.example/news/bridge");
    assert_eq!(a.title.as_deref(), Some("Harbour bridge to close"));
    assert_eq!(
        a.sources.get("title").map(String::as_str),
        Some("meta:og:title")
    );
    assert_eq!(a.authors, vec!["Ana Lindqvist", "Tomas Berg"]);
    assert_eq!(
        a.sources.get("authors").map(String::as_str),
        Some("meta:author")
    );
    assert_eq!(a.published.as_deref(), Some("2024-03-05"));
    assert_eq!(
        a.published_source.as_deref(),
        Some("meta:article:published_time")
    );
    assert_eq!(
        a.modified_source.as_deref(),
        Some("meta:article:modified_time")
    );
    assert_eq!(a.description.as_deref(), Some("Repairs start in May."));
    assert_eq!(a.language.as_deref(), Some("en-GB"));
    assert_eq!(
        a.canonical_url.as_deref(),
        Some("https://harbourtimes.example/news/bridge?ref=1")
    );
    assert_eq!(a.tags, vec!["bridges", "council", "harbour"]);
    let img = a.image.expect("image");
    assert_eq!(img.alt.as_deref(), Some("The bridge at dusk"));
    assert!(a.syndication_source.is_none());
}

#[test]
fn title_element_suffix_is_cut_against_the_host() {
    let html = format!(
        "<html><head><title>Storm damages harbour bridge - harbourtimes.example</title></head>\
         <body>{BODY}</body></html>"
    );
    let a = run(&html, "https://www.harbourtimes.example/a");
    assert_eq!(a.title.as_deref(), Some("Storm damages harbour bridge"));
    assert_eq!(a.site_name.as_deref(), Some("harbourtimes.example"));
    assert_eq!(a.sources.get("site_name").map(String::as_str), Some("url"));
}

#[test]
fn byline_element_time_element_and_rel_author() {
    let html = format!(
        r#"<html lang="de-DE"><head><title>Brücke wird gesperrt</title></head><body>
        <nav><a rel="author" href="/team">Unser Team</a></nav>
        <article><h1>Brücke wird gesperrt</h1>
        <div class="byline">Von <a href="/autor/erika">Erika Beispiel</a> und Max Muster |
          <time datetime="2024-03-05T09:30:00+01:00">5. März 2024</time></div>
        {BODY}
        <section class="comments"><div class="comment-author">Hans Leser</div>
          <time datetime="2024-04-01">1. April</time></section>
        </article></body></html>"#
    );
    let a = run(&html, "https://zeitung.example/lokal/bruecke");
    assert_eq!(a.authors, vec!["Erika Beispiel", "Max Muster"]);
    assert_eq!(a.sources.get("authors").map(String::as_str), Some("byline"));
    assert_eq!(a.published.as_deref(), Some("2024-03-05T09:30:00+01:00"));
    assert_eq!(a.published_source.as_deref(), Some("time-element"));
    assert_eq!(a.language.as_deref(), Some("de-DE"));
}

#[test]
fn itemprop_author_and_date() {
    let html = format!(
        r#"<html><head><title>Bridge</title></head><body><h1>Bridge closes for repairs</h1>
        <span itemprop="author" itemscope><span itemprop="name">Ana Lindqvist</span></span>
        <span itemprop="datePublished" content="2024-02-28">Feb 28</span>{BODY}</body></html>"#
    );
    let a = run(&html, "https://example.org/story");
    assert_eq!(a.authors, vec!["Ana Lindqvist"]);
    assert_eq!(
        a.sources.get("authors").map(String::as_str),
        Some("itemprop")
    );
    assert_eq!(a.published.as_deref(), Some("2024-02-28"));
    assert_eq!(a.published_source.as_deref(), Some("itemprop"));
}

#[test]
fn by_line_in_text_and_text_date() {
    let html = format!(
        "<html><head><title>Bridge closes</title></head><body><h1>Bridge closes for repairs</h1>\
         <p>By Ana Lindqvist and Tomas Berg</p><p>Updated April 2, 2024</p>\
         <p>Published March 5, 2024</p>{BODY}</body></html>"
    );
    let a = run(&html, "https://example.org/story");
    assert_eq!(a.authors, vec!["Ana Lindqvist", "Tomas Berg"]);
    assert_eq!(a.sources.get("authors").map(String::as_str), Some("text"));
    assert_eq!(a.published.as_deref(), Some("2024-03-05"));
    assert_eq!(a.published_source.as_deref(), Some("text"));
}

#[test]
fn url_date_and_detected_language() {
    let body = "<p>Die Stadtverwaltung hat am Dienstag angekündigt, dass die Brücke über den \
        Fluss im kommenden Frühjahr vollständig erneuert werden soll. Die Arbeiten sollen etwa \
        sechs Monate dauern, während dieser Zeit wird der Verkehr über die Umgehungsstraße \
        umgeleitet, was vor allem im Berufsverkehr zu längeren Fahrzeiten führen dürfte.</p>";
    let html = format!("<html><head><title>Brücke</title></head><body>{body}</body></html>");
    let a = run(&html, "https://example.org/2024/03/05/bruecke");
    assert_eq!(a.published.as_deref(), Some("2024-03-05"));
    assert_eq!(a.published_source.as_deref(), Some("url"));
    assert_eq!(a.language.as_deref(), Some("de"));
    assert_eq!(
        a.sources.get("language").map(String::as_str),
        Some("detected")
    );
}

#[test]
fn markup_language_wins_over_detection() {
    let html =
        format!("<html lang='fr'><head><title>Pont</title></head><body>{BODY}</body></html>");
    let a = run(&html, "https://example.org/a");
    assert_eq!(a.language.as_deref(), Some("fr"));
    assert_eq!(
        a.sources.get("language").map(String::as_str),
        Some("html-lang")
    );
}

#[test]
fn future_and_impossible_dates_are_rejected() {
    let html = format!(
        r#"<html><head><title>T</title>
        <meta property="article:published_time" content="2031-01-01T00:00:00Z">
        <meta name="date" content="0000-01-01">
        <meta name="pubdate" content="99999-01-01">
        <meta name="publishdate" content="2024-03-05T10:00:00+25:00">
        <meta name="dc.date" content="2023/12">
        <meta property="article:modified_time" content="2024-04-01">
        </head><body><h1>Headline of the story</h1>{BODY}</body></html>"#
    );
    let a = run(&html, "https://example.org/story");
    // Nothing usable as a publication day; the modification is never promoted.
    assert_eq!(a.published, None);
    assert_eq!(a.modified.as_deref(), Some("2024-04-01"));
}

#[test]
fn utc_stamp_is_read_at_the_pages_own_offset() {
    // The same instant at the page's offset in another meta: that reading is reported.
    let html = format!(
        r#"<html lang="de"><head><title>Brücke</title>
        <script type="application/ld+json">{{"@type":"NewsArticle",
          "datePublished":"2024-03-04T23:15:00Z"}}</script>
        <meta name="date" content="Tue, 05 Mar 2024 00:15:00 +0100">
        </head><body><h1>Die Brücke wird gesperrt</h1>{BODY}</body></html>"#
    );
    let a = run(&html, "https://zeitung.example/bruecke");
    assert_eq!(a.published.as_deref(), Some("2024-03-05T00:15:00+01:00"));
    assert_eq!(a.published_source.as_deref(), Some("json-ld"));

    // Only a day shown under the headline, one off from the UTC day: the shown day.
    let html = format!(
        r#"<html lang="es"><head><title>Puente</title>
        <meta property="article:published_time" content="2024-03-06T01:40:00Z">
        </head><body><h1>El puente cerrará por obras</h1>
        <p class="fecha"><time>5 de marzo de 2024</time></p>{BODY}</body></html>"#
    );
    let a = run(&html, "https://diario.example/puente");
    assert_eq!(a.published.as_deref(), Some("2024-03-05"));

    // A shown day two days off is another story's date: the stamp stays.
    let html = format!(
        r#"<html lang="es"><head><title>Puente</title>
        <meta property="article:published_time" content="2024-03-06T01:40:00Z">
        </head><body><h1>El puente cerrará por obras</h1>
        <p><time>4 de marzo de 2024</time></p>{BODY}</body></html>"#
    );
    let a = run(&html, "https://diario.example/puente");
    assert_eq!(a.published.as_deref(), Some("2024-03-06T01:40:00Z"));
}

#[test]
fn disagreeing_markup_dates_are_settled_by_the_page() {
    // JSON-LD says one day, Open Graph another, the line under the headline the latter.
    let html = format!(
        r#"<html lang="de"><head><title>Vanlife</title>
        <script type="application/ld+json">{{"@type":"Article",
          "datePublished":"2024-01-02T07:00:00Z"}}</script>
        <meta property="article:published_time" content="2024-01-09T08:30:00">
        </head><body><h1>Mit dem Bus durch Schweden</h1><p>Lea Sommer</p><p>09.01.2024</p>
        {BODY}</body></html>"#
    );
    let a = run(&html, "https://magazin.example/vanlife");
    assert_eq!(a.published.as_deref(), Some("2024-01-09T08:30:00"));
    assert_eq!(
        a.published_source.as_deref(),
        Some("meta:article:published_time")
    );

    // A generic `date` meta later than the page's own time element: the element wins.
    let html = format!(
        r#"<html lang="de"><head><title>Mieten</title>
        <meta name="date" content="2024-04-30">
        </head><body><h1>Mietenstreik in der Stadt</h1>
        <ul><li class="author">Von Jonas Weber</li><li><time>29.04.2024, 12:01 Uhr</time></li></ul>
        {BODY}</body></html>"#
    );
    let a = run(&html, "https://zeitung.example/mieten");
    assert_eq!(a.published.as_deref(), Some("2024-04-29T12:01:00"));
    assert_eq!(a.published_source.as_deref(), Some("time-element"));

    // ... or later than the first date the text under the headline gives.
    let html = format!(
        r#"<html lang="de"><head><title>Wahl</title>
        <meta name="DC.date" content="2023-10-15">
        </head><body><h1>Neue Präsidentin gewählt</h1><p>Erschienen am: 13.10.2023</p>
        {BODY}<p>Zuletzt geändert am: 15.10.2023</p></body></html>"#
    );
    let a = run(&html, "https://verband.example/presse/wahl");
    assert_eq!(a.published.as_deref(), Some("2023-10-13"));
    assert_eq!(a.published_source.as_deref(), Some("text"));

    // An ambiguous numeric meta date read the way the page writes it.
    let html = format!(
        r#"<html lang="de"><head><title>Wasser</title>
        <meta name="date" content="11/01/2023 12:43:42">
        </head><body><h1>Trinkwasser belastet</h1>{BODY}<p>Erstellt am: 01.11.2023</p>
        </body></html>"#
    );
    let a = run(&html, "https://zeitung.example/wasser");
    assert_eq!(a.published.as_deref(), Some("2023-11-01T12:43:42"));

    // A generic meta earlier than the time element right under the headline: the element,
    // whichever way they differ (the meta is the day the page was first saved).
    let html = format!(
        r#"<html lang="de"><head><title>Rebsorten</title>
        <meta name="dcterms.date" content="2023-12-18T10:02:00+01:00">
        </head><body><header><span class="today">Montag, 8. Januar 2024</span></header>
        <h1>Die Rebsorte des Jahres steht fest</h1>
        <p class="meta"><span class="date">22.01.2024</span></p>{BODY}</body></html>"#
    );
    let a = run(&html, "https://weinverband.example/meldungen/rebsorte");
    assert_eq!(a.published.as_deref(), Some("2024-01-22"));
    assert_eq!(a.published_source.as_deref(), Some("element"));
    // ... but not a date far below the headline (a teaser's).
    let html = format!(
        r#"<html lang="de"><head><title>Rebsorten</title>
        <meta name="dcterms.date" content="2023-12-18T10:02:00+01:00">
        </head><body><h1>Die Rebsorte des Jahres steht fest</h1>{BODY}{BODY}{BODY}{BODY}
        <div class="teaser"><a href="/x">Ein anderer Artikel</a>
        <span class="date">22.01.2024</span></div></body></html>"#
    );
    let a = run(&html, "https://weinverband.example/meldungen/rebsorte");
    assert_eq!(a.published.as_deref(), Some("2023-12-18T10:02:00+01:00"));
}

#[test]
fn author_page_links_give_no_button_words() {
    // The author box links to the author's page as "SHOW ALL ARTICLES OF<br>Name".
    let html = format!(
        r#"<html lang="en"><head><title>Courts in the crisis</title></head><body>
        <h1>Courts in the crisis</h1>
        <p class="byline"><a href="/author/jane-roe/" rel="author">Jane Roe</a></p>{BODY}
        <div class="author-box"><p>Jane Roe teaches public law.</p>
        <div class="author-link"><a href="/author/jane-roe/" rel="author">SHOW ALL ARTICLES OF<br>Jane Roe</a></div>
        </div></body></html>"#
    );
    let a = run(&html, "https://lawblog.example/courts-in-the-crisis/");
    assert_eq!(a.authors, vec!["Jane Roe"]);
}

#[test]
fn url_day_against_a_later_structured_publication() {
    let page = |day: &str| {
        format!(
            r#"<html><head><title>Vacaciones escolares</title>
            <script type="application/ld+json">{{"@type":"NewsArticle",
              "datePublished":"{day}T06:00:00-05:00"}}</script>
            <meta property="article:published_time" content="{day}T06:00:00-05:00">
            </head><body><h1>Cuándo son las vacaciones escolares</h1>{BODY}</body></html>"#
        )
    };
    // Published four days after the day in its URL (the draft's): the structured day stands.
    let a = run(
        &page("2024-05-06"),
        "https://diario.example/2024/05/02/vacaciones-escolares/",
    );
    assert_eq!(a.published.as_deref(), Some("2024-05-06T06:00:00-05:00"));
    assert_eq!(a.published_source.as_deref(), Some("json-ld"));
    // Months later it is a re-publication: the URL's day is the story's.
    let a = run(
        &page("2024-05-06"),
        "https://diario.example/2023/11/02/vacaciones-escolares/",
    );
    assert_eq!(a.published.as_deref(), Some("2023-11-02"));
    assert_eq!(a.published_source.as_deref(), Some("url"));
    // Earlier than the URL's day: the URL's.
    let a = run(
        &page("2024-05-01"),
        "https://diario.example/2024/05/02/vacaciones-escolares/",
    );
    assert_eq!(a.published.as_deref(), Some("2024-05-02"));
}

#[test]
fn script_data_is_the_last_resort() {
    // Nothing else dates the page: the publication key in its JSON state.
    let html = format!(
        r#"<html><head><title>Review of a bike shop</title></head><body>
        <h1>Quick repair, fair price</h1>{BODY}
        <script type="application/json" id="state">{{"review":{{"rating":5,
          "publishedDate":"2023-11-04T20:37:27Z","updatedDate":"2023-11-05T08:00:00Z"}}}}</script>
        </body></html>"#
    );
    let a = run(&html, "https://reviews.example/r/581cf189");
    assert_eq!(a.published.as_deref(), Some("2023-11-04T20:37:27Z"));
    assert_eq!(a.published_source.as_deref(), Some("script"));

    // Created/updated keys date records of every kind, and any other source comes first.
    let html = format!(
        r#"<html><head><title>Shop</title></head><body><h1>Fresh beans</h1>{BODY}
        <script type="application/json">{{"createdAt":"2023-01-02T10:00:00Z"}}</script>
        </body></html>"#
    );
    assert_eq!(run(&html, "https://shop.example/beans").published, None);
    let html = format!(
        r#"<html><head><title>Review</title>
        <meta property="article:published_time" content="2023-12-01T09:00:00Z"></head><body>
        <h1>Quick repair, fair price</h1>{BODY}
        <script type="application/json">{{"publishedDate":"2023-11-04T20:37:27Z"}}</script>
        </body></html>"#
    );
    let a = run(&html, "https://reviews.example/r/581cf189");
    assert_eq!(
        a.published_source.as_deref(),
        Some("meta:article:published_time")
    );
}

#[test]
fn short_years_clocks_and_file_name_months() {
    // A date line with a two-digit year; a forum clock is no article date.
    let html = format!(
        r#"<html lang="de"><head><title>Grab</title></head><body>
        <div class="header-time">Aktuelle Zeit: 14.05.2024, 12:18</div>
        <h1>Bote fliegt nach Singapur</h1>
        <div class="article-meta">Von: Jan Rot <span>|</span> <span>31.10.23</span></div>
        {BODY}</body></html>"#
    );
    let a = run(&html, "https://zeitung.example/grab");
    assert_eq!(a.published.as_deref(), Some("2023-10-31"));
    assert_eq!(a.published_source.as_deref(), Some("element"));

    // A year and month in a file name name the report's subject, not its publication.
    let html = format!(
        r#"<html lang="de"><head><title>Absatz</title></head><body>
        <h1><span class="date">27.01.2024</span> Absatz im November 2023</h1>{BODY}</body></html>"#
    );
    let a = run(&html, "https://amt.example/meldungen/2023_11_absatz.html");
    assert_eq!(a.published.as_deref(), Some("2024-01-27"));
}

#[test]
fn a_hidden_seo_heading_is_not_the_headline() {
    // The first h1 is a hidden copy of the <title>, site name included, above the navigation;
    // the visible headline is an h2 with its date line under it. The headline is read without
    // the site's name, and dates are placed against the visible one.
    let links: String = (1..=16)
        .map(|i| format!("<li><a href=\"/thema/{i}\">Thema {i}</a></li>\n"))
        .collect();
    let html = format!(
        r#"<html lang="de"><head><title>Neue Regeln für Fähren | Hafenamt</title>
        <meta property="og:site_name" content="Hafenamt">
        <meta name="dcterms.date" content="2024-01-21T09:43:00+01:00">
        </head><body>
        <h1 class="visually-hidden">Neue Regeln für Fähren | Hafenamt</h1>
        <nav><ul>{links}</ul></nav>
        <article><h2 class="title">Neue Regeln für Fähren</h2>
        <div class="meta"><time datetime="2024-01-25T08:00:00+01:00">25.01.2024</time></div>
        {BODY}</article></body></html>"#
    );
    let a = run(&html, "https://hafenamt.example/themen/faehren");
    assert_eq!(a.title.as_deref(), Some("Neue Regeln für Fähren"));
    assert_eq!(a.published.as_deref(), Some("2024-01-25T08:00:00+01:00"));
    assert_eq!(a.published_source.as_deref(), Some("time-element"));
}

#[test]
fn a_lone_meta_restamped_long_after_the_shown_date() {
    // The CMS re-stamped the publication meta when the page was edited in November; the date
    // under the headline is the publication.
    let page = |ld: &str| {
        format!(
            r#"<html lang="de"><head><title>Wärmepumpe im Altbau</title>{ld}
            <meta property="article:published_time" content="2023-11-17T10:33:13Z">
            </head><body><h1>Eignet sich eine Wärmepumpe im Altbau?</h1>
            <p class="meta">Von Lena Hof · <time datetime="2023-03-09">9. März 2023</time></p>
            {BODY}</body></html>"#
        )
    };
    let a = run(&page(""), "https://heizen.example/waermepumpe-altbau");
    assert_eq!(a.published.as_deref(), Some("2023-03-09"));
    assert_eq!(a.published_source.as_deref(), Some("time-element"));

    // JSON-LD saying the same as the meta: the markup is one account, it stands.
    let ld = r#"<script type="application/ld+json">{"@type":"Article",
        "datePublished":"2023-11-17T10:33:13Z"}</script>"#;
    let a = run(&page(ld), "https://heizen.example/waermepumpe-altbau");
    assert_eq!(a.published.as_deref(), Some("2023-11-17T10:33:13Z"));
    assert_eq!(a.published_source.as_deref(), Some("json-ld"));
}

#[test]
fn a_url_month_rules_out_earlier_months_only() {
    // A running page in an October folder, re-dated under its headline in November; the
    // October dates are links to older releases.
    let html = format!(
        r#"<html lang="de"><head><title>Lage an der Grenze</title></head><body>
        <h1>Lage an der Grenze: 9.087 Feststellungen im laufenden Jahr</h1>
        <p><em>10.11.2023</em></p>{BODY}
        <ul><li><a href="/m/29.html">Nr. 29 vom 29. Oktober 2023</a></li>
        <li><a href="/m/28.html">Nr. 28 vom 27. Oktober 2023</a></li></ul>
        </body></html>"#
    );
    let a = run(
        &html,
        "https://amt.example/meldungen/2023/10/lage_grenze.html",
    );
    assert_eq!(a.published.as_deref(), Some("2023-11-10"));

    // A date before the URL's month cannot be the publication: the October one in the text is.
    let html = format!(
        r#"<html lang="de"><head><title>Lage</title>
        <script type="application/ld+json">{{"@type":"NewsArticle",
          "datePublished":"2023-09-02T10:00:00+02:00"}}</script></head><body>
        <h1>Lage an der Grenze</h1><p>Meldung vom 12. Oktober 2023</p>{BODY}
        </body></html>"#
    );
    let a = run(&html, "https://amt.example/meldungen/2023/10/lage.html");
    assert_eq!(a.published.as_deref(), Some("2023-10-12"));
}

#[test]
fn a_date_box_of_one_element_per_part() {
    // Month, day and year in spans of their own, the day and year run together in the text.
    let html = format!(
        r#"<html lang="de"><head><title>Mozart</title></head><body>
        <header class="post-header"><h1 class="posttitle">Hatte Mozart schlechte Noten?</h1>
        <div class="date"><span class="month">Apr</span> <span class="day">04</span><span class="year">2013</span></div>
        </header>{BODY}</body></html>"#
    );
    let a = run(&html, "https://blog.example/mozart-noten/");
    assert_eq!(a.published.as_deref(), Some("2013-04-04"));
    assert_eq!(a.published_source.as_deref(), Some("element"));
}

#[test]
fn a_meta_title_cut_by_its_own_quotes_is_repaired() {
    // The CMS did not escape the quotes: the og:title attribute ends at the first of them. The
    // only h1 is the logo.
    let html = format!(
        r#"<html lang="en"><head><title>Senator calls rival "unfit" | Daily Example</title>
        <meta property="og:title" content="Senator calls rival "unfit"" />
        <meta property="og:site_name" content="Daily Example">
        </head><body><h1 class="logo"><a href="/"><img src="/logo.svg" alt="Daily Example"></a></h1>
        <h2>Senator calls rival "unfit"</h2>{BODY}</body></html>"#
    );
    let a = run(&html, "https://daily.example/politics/unfit");
    assert_eq!(a.title.as_deref(), Some("Senator calls rival \"unfit\""));
}

#[test]
fn a_personal_blog_is_written_by_its_namesake() {
    // The site is named after the blogger; the byline naming her is the author, not the outlet.
    let html = format!(
        r#"<html lang="en"><head><title>Parsing at speed – Margarethe Vandenbosch's blog</title>
        <meta property="og:site_name" content="Margarethe Vandenbosch's blog"></head><body>
        <article><h1 class="entry-title">Parsing at speed</h1>{BODY}
        <footer class="entry-footer"><span class="byline"><span class="author vcard">
        <span class="screen-reader-text">Author </span><a class="url fn n" href="/author/mvandenbosch/">Margarethe Vandenbosch</a>
        </span></span></footer></article></body></html>"#
    );
    let a = run(&html, "https://vandenbosch.example/blog/parsing-at-speed/");
    assert_eq!(a.authors, vec!["Margarethe Vandenbosch".to_owned()]);
}

#[test]
fn an_author_box_after_the_story_names_the_author() {
    // No byline at the top; the theme's author box under the story carries the name in a
    // heading, after a label heading.
    let page = |box_heading: &str| {
        format!(
            r#"<html lang="de"><head><title>Leasing oder Kredit?</title></head><body>
            <article><h1>Leasing oder Kredit für den Firmenwagen?</h1>{BODY}
            <div class="author-bio footer"><h4>Über den Autor</h4><h3>{box_heading}</h3>
            <p>Schreibt seit 2015 über Finanzierung für kleine Betriebe.</p></div>
            </article></body></html>"#
        )
    };
    let a = run(
        &page("Karsten Möllenhoff"),
        "https://finanz.example/leasing-oder-kredit",
    );
    assert_eq!(a.authors, vec!["Karsten Möllenhoff".to_owned()]);
    // A heading that is no full name gives no author.
    let a = run(
        &page("Redaktionsteam"),
        "https://finanz.example/leasing-oder-kredit",
    );
    assert!(a.authors.is_empty(), "{:?}", a.authors);
}

#[test]
fn the_date_nearest_the_headline_and_not_in_other_stories() {
    // The header's "today" is a <time> before the headline; the story's date line follows it;
    // the related posts below carry `published` times of their own inside <article>s.
    let html = format!(
        r#"<html lang="de"><head><title>Intendanz</title></head><body>
        <header><div class="top"><time datetime="2024-05-02T08:00:00+02:00">Donnerstag, 2. Mai 2024</time></div></header>
        <main><article><h1>Wechsel an der Spitze des Senders</h1>
        <p class="post-byline">von redakteurin · <span class="date">30. April 2024</span></p>
        {BODY}
        <ul class="related-posts"><li><article><h4>Konzert im Park</h4>
          <time class="published" datetime="2023-12-03 07:32:49">3. Dezember 2023</time>
        </article></li></ul></article></main></body></html>"#
    );
    let a = run(&html, "https://stadt.example/wechsel");
    assert_eq!(a.published.as_deref(), Some("2024-04-30"));
    assert_eq!(a.published_source.as_deref(), Some("element"));

    // "Letzte Änderung" is a modification; "Erschienen am" the publication.
    let html = format!(
        r#"<html lang="de"><head><title>Rezension</title></head><body>
        <h1>Die Anleitungen der Vorfahren</h1>{BODY}
        <p>Letzte Änderung: 31.10.2023 - 14:49:39<br>Erschienen am: 01.11.2023</p></body></html>"#
    );
    let a = run(&html, "https://kritik.example/rezension,30063.html");
    assert_eq!(a.published.as_deref(), Some("2023-11-01"));
}

#[test]
fn local_midnight_and_explicit_itemprop() {
    // A German page whose CMS stored "5 November" as local midnight in UTC.
    let html = format!(
        r#"<html lang="de-DE"><head><title>Wahl</title>
        <meta property="article:published_time" content="2023-11-04T23:00:00.000Z">
        </head><body><h1>Kommunalwahlen im Norden</h1>{BODY}</body></html>"#
    );
    let a = run(&html, "https://stiftung.example/berichte/wahl");
    assert_eq!(a.published.as_deref(), Some("2023-11-05T00:00:00+01:00"));
    // The same stamp on an English page, or at 23:00:07, is taken as written.
    let html = html.replace("lang=\"de-DE\"", "lang=\"en\"");
    let a = run(&html, "https://stiftung.example/berichte/wahl");
    assert_eq!(a.published.as_deref(), Some("2023-11-04T23:00:00Z"));

    // A generic `dcterms.date` against the page's explicit itemprop=datePublished.
    let html = format!(
        r#"<html lang="de"><head><title>Winter</title>
        <meta name="dcterms.date" content="2024-01-21T15:38:44+01:00">
        </head><body><h1>Mit dem Hund im Winter</h1>
        <span class="news-date"><time itemprop="datePublished" datetime="2024-01-27">27.01.2024</time></span>
        {BODY}</body></html>"#
    );
    let a = run(&html, "https://hund.example/aktuelles/winter");
    assert_eq!(a.published.as_deref(), Some("2024-01-27"));
    assert_eq!(a.published_source.as_deref(), Some("itemprop"));
}

#[test]
fn editorial_bylines_and_completed_names() {
    // "Redaktion" is what the page credits when no person is named.
    let html = format!(
        r#"<html lang="de"><head><title>Sperrung</title>
        <script type="application/ld+json">{{"@type":"Article","author":{{"@type":"Person","name":"Redaktion"}}}}</script>
        </head><body><h1>Die Brücke bleibt gesperrt</h1>
        <div class="post-author-name">Von <a href="/author/redaktion/">Redaktion</a></div>{BODY}</body></html>"#
    );
    let a = run(&html, "https://stadt.example/sperrung");
    assert_eq!(a.authors, vec!["Redaktion"]);
    // ... and gives way to a person anywhere.
    let html = html.replace("{BODY}", "<p>Von Ida Beispiel</p>");
    let html = html.replace("</h1>", "</h1><p class=\"autor\">Ida Beispiel</p>");
    let a = run(&html, "https://stadt.example/sperrung");
    assert_eq!(a.authors, vec!["Ida Beispiel"]);

    // A first name in JSON-LD completed from the line opening the text.
    let html = format!(
        r#"<html lang="de"><head><title>Kolumne</title>
        <script type="application/ld+json">{{"@type":"Article","author":{{"@type":"Person","name":"Nils"}}}}</script>
        </head><body><h1>Das Patriarchat als Kulturtechnik</h1>
        <p><strong>Eine Kolumne von Nils Beispiel</strong></p>{BODY}</body></html>"#
    );
    let a = run(&html, "https://verein.example/kolumne");
    assert_eq!(a.authors, vec!["Nils Beispiel"]);
    assert_eq!(
        a.sources.get("authors").map(String::as_str),
        Some("json-ld")
    );

    // A user handle completed from the byline.
    let html = format!(
        r#"<html lang="de"><head><title>Sport</title>
        <script type="application/ld+json">{{"@type":"Article","author":{{"@type":"Person","name":"arianmuster"}}}}</script>
        </head><body><h1>Sportzentrum erweitert</h1>
        <div class="post-header-author"><span>von</span> <a href="/creator/arian-muster/">Arian Muster</a></div>
        {BODY}</body></html>"#
    );
    let a = run(&html, "https://bau.example/sport");
    assert_eq!(a.authors, vec!["Arian Muster"]);

    // A user number is replaced by the article's byline name, not a teaser's.
    let html = format!(
        r#"<html lang="en"><head><title>Cuts</title>
        <script type="application/ld+json">{{"@type":"Article","author":"CC7567"}}</script>
        </head><body><h1>Original cuts might be released</h1>
        <div class="byline"><a href="/u/CC7567"><span class="author-name">James Example</span></a></div>
        {BODY}<aside><div class="byline"><span class="author-name">Other Writer</span></div></aside>
        </body></html>"#
    );
    let a = run(&html, "https://fans.example/cuts");
    assert_eq!(a.authors, vec!["James Example"]);

    // `property=` author metas are preferred over `name=` ones of the same key.
    let html = format!(
        r#"<html><head><title>T</title>
        <meta name="dc.creator" content="Name Form"><meta property="dc:creator" content="Ida Property">
        </head><body><h1>Bridge closes for repairs</h1>{BODY}</body></html>"#
    );
    assert_eq!(
        run(&html, "https://example.org/a").authors,
        vec!["Ida Property"]
    );
}

#[test]
fn bylines_in_date_lines_and_labelled_text() {
    let page = |line: &str| {
        format!(
            r#"<html lang="de"><head><title>T</title></head><body>
            <h1>Stellungnahme zum Pilotjahr</h1><p>{line}</p>{BODY}</body></html>"#
        )
    };
    let authors = |line: &str| run(&page(line), "https://verband.example/a").authors;
    assert_eq!(
        authors("11.12.2023 - Amelie Beispiel"),
        vec!["Amelie Beispiel"]
    );
    assert_eq!(authors("06.11.2023 13:30 von Olga"), vec!["Olga"]);
    assert_eq!(
        authors(
            "Von <strong><a href=\"/a\">Roland Muster</a></strong> und <strong><a href=\"/b\">Sebastian Beispiel</a></strong>"
        ),
        vec!["Roland Muster", "Sebastian Beispiel"]
    );
    assert_eq!(
        authors("Ein Artikel von <strong>Pamela Muster</strong> | 27.01.2024 - 12:45"),
        vec!["Pamela Muster"]
    );
    assert_eq!(
        authors("Autoren Jelko Beispiel und Jutta Muster"),
        vec!["Jelko Beispiel", "Jutta Muster"]
    );
    assert_eq!(
        authors("<em>Text von Ole Muster &nbsp; Illustration von Ida Beispiel</em>"),
        vec!["Ole Muster"]
    );
    // A headline that starts with "Von" is no byline.
    let html = format!(
        r#"<html lang="de"><head><title>T</title></head><body>
        <h1>Von Sprachregeln, Politik und Deutsch</h1>{BODY}</body></html>"#
    );
    assert!(run(&html, "https://verband.example/a").authors.is_empty());
}

#[test]
fn kicker_inside_the_headline_is_not_the_headline() {
    let title = |h1: &str, og: &str| {
        let html = format!(
            r#"<html lang="de"><head><title>Seite</title>
            <meta property="og:title" content="{og}"></head>
            <body><h1>{h1}</h1>{BODY}</body></html>"#
        );
        run(&html, "https://sender.example/a").title
    };
    assert_eq!(
        title(
            r#"<span class="dachzeile">Nach den Lockerungen</span> <span class="headline">Läden öffnen wieder</span>"#,
            "Lockerungen: Läden öffnen wieder | Sender"
        )
        .as_deref(),
        Some("Läden öffnen wieder")
    );
    assert_eq!(
        title(
            r#"<span class="article-heading__kicker">Klima</span><span class="visually-hidden">: </span><span>Bohren, bis es heiß wird</span>"#,
            "Klima: Bohren, bis es heiß wird"
        )
        .as_deref(),
        Some("Bohren, bis es heiß wird")
    );
    assert_eq!(
        title(
            "<small>Einheit der Woche</small><br>Lagen-Pyramide mit Pausen",
            "Einheit der Woche | Lagen-Pyramide mit Pausen"
        )
        .as_deref(),
        Some("Lagen-Pyramide mit Pausen")
    );
    // A heading without a kicker, and a documentation heading's permalink mark.
    assert_eq!(
        title(
            "Bohren, bis es heiß wird",
            "Klima: Bohren, bis es heiß wird"
        )
        .as_deref(),
        Some("Bohren, bis es heiß wird")
    );
    assert_eq!(
        title(
            "Shared Mutable History<a class=\"headerlink\" href=\"#h\">¶</a>",
            "Other"
        )
        .as_deref(),
        Some("Shared Mutable History")
    );
}

#[test]
fn title_metas_by_property_first_and_every_value_compared() {
    // `property=` is how Open Graph and Dublin Core are specified.
    let html = format!(
        r#"<html><head><title>Page</title>
        <meta name="DC.title" content="Name title of the page">
        <meta property="dc:title" content="Property title of the page">
        </head><body>{BODY}</body></html>"#
    );
    let a = run(&html, "https://example.org/a");
    assert_eq!(a.title.as_deref(), Some("Property title of the page"));
    // Both values of a name are compared with the headline the page shows.
    let html = format!(
        r#"<html><head><title>What are styles? Meaning - Jargons</title>
        <meta name="og:title" content="Leadership styles explained">
        <meta property="og:title" content="What are styles? Meaning - Jargons">
        </head><body><h1>Leadership styles explained</h1>{BODY}</body></html>"#
    );
    let a = run(&html, "https://example.org/a");
    assert_eq!(a.title.as_deref(), Some("Leadership styles explained"));
}

#[test]
fn date_lines_around_the_headline_and_h2_headlines() {
    // A plain text date line above the headline beats a teaser's date element far below.
    let html = format!(
        r#"<html lang="de"><head><title>Kreissäge</title></head><body>
        <div class="intro"><p class="subline">21. Jan 2024 // Dominik Muster</p>
        <h1>Perfekte Schnitte an der Kreissäge</h1></div>{BODY}{BODY}
        <div class="infos"><p>18. Feb 2023 // Sonstiges</p></div></body></html>"#
    );
    let a = run(&html, "https://holz.example/blog/schnitte");
    assert_eq!(a.published.as_deref(), Some("2024-01-21"));
    assert_eq!(a.published_source.as_deref(), Some("text"));
    // A date inside a paragraph near the headline is not a date line.
    let html = format!(
        r#"<html lang="de"><head><title>Camp</title></head><body>
        <h1>Hackathon beim Sommercamp</h1><p>Wir fahren am 23.-26.8.2023 hin und sind
        mit dabei, wenn die Aktivisten aus ganz Europa sich treffen und beraten.</p>{BODY}
        <div class="submitted">24.07.2023</div></body></html>"#
    );
    let a = run(&html, "https://verein.example/camp");
    assert_eq!(a.published.as_deref(), Some("2023-07-24"));

    // No h1: the h2 that reads as the title anchors "nearest the headline", so the header's
    // "today" <time> loses to the story's date line.
    let html = format!(
        r#"<html lang="de"><head><title>Kolumne: Im Schlepptau</title>
        <meta property="og:title" content="Kolumne: Im Schlepptau"></head><body>
        <header><span class="mod_datetime"><time datetime="2024-05-02T13:56:20+02:00">Donnerstag, 02. Mai 2024</time></span></header>
        <nav><a href="/">Start</a><a href="/a">Archiv</a><a href="/b">Kolumnen</a></nav>
        <h2 itemprop="name">Kolumne: Im Schlepptau</h2>
        <p><span class="text_datum">30. April 2024.</span> Dragqueens sind Kunstfiguren.</p>
        {BODY}</body></html>"#
    );
    let a = run(&html, "https://kritik.example/kolumne");
    assert_eq!(a.published.as_deref(), Some("2024-04-30"));
}

#[test]
fn forum_profiles_and_comment_boxes_give_no_article_date() {
    // A cue in a node of its own ("<strong>Registriert:</strong> date") still counts.
    let html = format!(
        r#"<html lang="de"><head><title>Forum</title></head><body>
        <h1>Was ist freie Software?</h1>
        <dl><dt>r23</dt><dd><strong>Registriert:</strong> 18.09.2008, 05:56</dd></dl>
        <p><span>von <strong>r23</strong> &raquo; </span>21.01.2009, 05:42</p>{BODY}</body></html>"#
    );
    let a = run(&html, "https://forum.example/viewtopic.php?t=167");
    assert_eq!(a.published.as_deref(), Some("2009-01-21T05:42:00"));

    // <time>s in a comment box named "kb-comment" belong to the comments.
    let html = format!(
        r#"<html lang="de"><head><title>Tipp</title></head><body>
        <h1>Tomaten richtig schneiden</h1><p>von Marianne1 am 20.09.2020</p>{BODY}
        <div id="kb-comments"><div class="kb-comment"><time datetime="2020-09-23T18:19:06+02:00">23.09.20</time>
        <p>Prima Idee.</p></div></div></body></html>"#
    );
    let a = run(&html, "https://kochen.example/tipp/1918");
    assert_eq!(a.published.as_deref(), Some("2020-09-20"));
}

#[test]
fn malformed_json_ld_and_huge_meta_do_not_fail() {
    let huge = "x".repeat(100 * 1024);
    let html = format!(
        r#"<html><head><title>Fine title here</title>
        <meta name="description" content="{huge}">
        <meta name="author" content="{huge}">
        <script type="application/ld+json">{{"@type":"NewsArticle","headline":"Broken</script>
        <script type="application/ld+json">[[[[[[[[[[[[[[[[[[[[</script>
        <script type="application/ld+json">{{"@type":"NewsArticle","headline":"Raw
        newline &amp;amp; entities","author":{{"@type":"Person"}}}};</script>
        </head><body>{BODY}</body></html>"#
    );
    let a = run(&html, "https://example.org/story");
    assert_eq!(a.title.as_deref(), Some("Raw newline & entities"));
    assert!(a.description.as_ref().is_some_and(|d| d.len() <= 4096));
    assert!(a.authors.is_empty());
}

#[test]
fn credits_and_syndication_from_a_wire_dateline() {
    let html = "<html><head><title>Quake</title></head><body><h1>Quake shakes the coast</h1>\
        <p>LISBON, Portugal (AP) — A strong earthquake shook the coast on Tuesday morning, \
        rattling windows and sending residents into the streets, officials said. No serious \
        damage was reported in the first hours after the tremor.</p>\
        <p>Emergency services said they had received hundreds of calls but no reports of \
        injuries, and trains were running again by the afternoon after inspections.</p>\
        <p>Ana Lindqvist in Madrid contributed to this report.</p></body></html>";
    let a = run(html, "https://news.example/quake");
    assert_eq!(
        a.syndication_source.as_deref(),
        Some("The Associated Press")
    );
    if let Some(c) = a.credits.first() {
        assert_eq!(c.names, vec!["Ana Lindqvist"]);
    }
}

#[test]
fn canonical_on_another_domain_is_syndication() {
    let html = format!(
        r#"<html><head><title>Story</title>
        <link rel="canonical" href="https://original.example/2024/story"></head>
        <body><h1>Story of the day</h1>{BODY}</body></html>"#
    );
    let a = run(&html, "https://reprint.example/story");
    assert_eq!(a.syndication_source.as_deref(), Some("original.example"));
    assert_eq!(
        a.sources.get("syndication_source").map(String::as_str),
        Some("canonical-url")
    );
}

/// Times stage 4 on the scrapinghub pages when the dataset is present:
/// `cargo test --release -p newsdesk-extract meta_stage_timing -- --ignored --nocapture`.
#[test]
#[ignore]
fn meta_stage_timing() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/datasets/scrapinghub/html");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("no dataset at {}", dir.display());
        return;
    };
    let options = Options::default();
    let limits = newsdesk_dom::ParseLimits {
        max_nodes: 500_000,
        max_depth: 512,
        deadline: None,
    };
    let mut docs = Vec::new();
    let mut bytes = 0usize;
    for e in entries.flatten() {
        let Ok(html) = std::fs::read(e.path()) else {
            continue;
        };
        bytes += html.len();
        let decoded = newsdesk_dom::decode(&html, None, None);
        docs.push(newsdesk_dom::parse(&decoded.text, &limits).doc);
    }
    // The first round also compiles the lazily built regexes; it is not counted.
    let mut total = std::time::Duration::ZERO;
    let mut runs = 0u32;
    for round in 0..4 {
        for doc in &docs {
            let page = crate::Page {
                doc,
                url: None,
                options: &options,
                deadline: std::time::Instant::now() + std::time::Duration::from_secs(60),
            };
            let t = std::time::Instant::now();
            let m = super::read(&page);
            if round > 0 {
                total += t.elapsed();
                runs += 1;
            }
            std::hint::black_box(m);
        }
    }
    eprintln!(
        "metadata stage: {} pages, {} KB average, {:.3} ms per page",
        docs.len(),
        bytes / 1024 / docs.len().max(1),
        total.as_secs_f64() * 1000.0 / f64::from(runs.max(1))
    );
}

/// Pseudo-random strings from date-ish and byline-ish pieces through every string-taking
/// helper: nothing may panic (a cheap stand-in until the fuzz target runs in CI).
#[test]
fn string_helpers_never_panic() {
    const PIECES: &[&str] = &[
        "2024",
        "-",
        "/",
        ".",
        "03",
        "3",
        "31",
        "T",
        ":",
        "+25:00",
        "Z",
        " ",
        "März",
        "Mar.",
        "de",
        "By",
        "von",
        "İ",
        "ß",
        "年",
        "月",
        "日",
        "99999",
        "0000",
        "&amp;",
        "&#",
        ";",
        ",",
        "and",
        "und",
        "Reporting by",
        "contributed to this report",
        "—",
        "(AP)",
        "\u{a0}",
        "é",
        "Posted on",
        "am",
        "12:60",
        "pm",
        "EST",
        "@",
        "http://x",
        "\u{200b}",
        "Ü",
        "00",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..20_000 {
        let n = (next() % 8) as usize + 1;
        let s: String = (0..n)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        let _ = super::dates::parse_date(&s);
        let _ = super::dates::parse_date_with(&s, true);
        let _ = super::dating::url_date(&format!("https://example.org/{s}"));
        let _ = super::authors::clean_names(&s, super::authors::Trust::Text);
        let _ = super::authors::clean_names(&s, super::authors::Trust::Structured);
        let _ = super::credits::is_credit_line(&s);
        let _ = super::credits::parse_credit(&s);
        let _ = super::language::normalise(&s);
        let _ = super::clean::decode_entities(&s);
        let _ = super::title::strip_site(&s, &["example".to_owned()]);
    }
}
