//! Metadata vocabulary (stages 4 and 7): what marks headlines, bylines, dates, credit lines,
//! languages and syndication. Grouped by concept; regexes compiled once on first use.
//!
//! Tuning notes refer to the evaluation sets described in `../shared/datasets/README.md`
//! (htmldate, trafilatura, readability, scrapinghub); no page of them is special-cased: each list
//! holds the generic markup conventions (schema.org, Open Graph, Dublin Core, CMS defaults) that
//! explained a class of misses there.

use std::sync::LazyLock;

use regex::Regex;

// ---------------------------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------------------------

/// Longest `<meta content>` / attribute value kept, in bytes: generous for keyword lists and
/// descriptions; anything longer is cut at a char boundary so a 100 KB meta cannot slow the later
/// stages (see the `malformed_json_ld_and_huge_meta_do_not_fail` test). Not tuned on data.
pub const MAX_META_LEN: usize = 4096;

/// Longest JSON-LD script parsed, in bytes: room for a long `articleBody`; larger scripts are
/// taken for product feeds or inlined app state and skipped. A safety cap, not tuned on data.
pub const MAX_JSONLD_LEN: usize = 512 * 1024;

/// At most this many JSON-LD scripts per page are parsed (a safety cap, not tuned).
pub const MAX_JSONLD_SCRIPTS: usize = 16;

/// Depth limit when walking JSON-LD values (nested `@graph`, `mainEntity`, `author`): article
/// data needs a handful of levels; a hostile document can nest thousands (serde_json itself
/// stops at 128). A safety cap, not tuned.
pub const MAX_JSONLD_DEPTH: usize = 12;

/// Byline / date candidate elements kept from the page walk (first in document order). Bylines
/// sit near the headline, so the first few matter; the cap bounds work on pages with hundreds of
/// "date" classes (comment lists). Chosen, not tuned.
pub const MAX_CANDIDATES: usize = 40;

/// A byline element whose text is longer than this (chars) is an author bio box or a whole
/// article container, not a byline. Chosen from the shape of bylines; not tuned.
pub const MAX_BYLINE_CHARS: usize = 200;

/// A date-candidate element longer than this (chars) is a container, not a date (chosen).
pub const MAX_DATE_ELEMENT_CHARS: usize = 120;

/// Visible text scanned for a date (and a "By ..." line) when nothing structured gave one, in
/// chars, from the headline (or the body start) onward: datelines sit right around the
/// headline, further down dates belong to comments and teasers. Chosen, then checked on the
/// htmldate set (the text source is right on about 3 pages in 4 there).
pub const TEXT_DATE_WINDOW: usize = 3000;

/// The headline zone for dates written as plain text lines: text nodes at most this many nodes
/// after the first `h1` (half as many before it), found within its grandparent's first
/// [`HEADLINE_ZONE_NODES`] nodes. Chosen from the shape of article headers, not tuned.
pub const HEADLINE_ZONE_DISTANCE: usize = 40;
pub const HEADLINE_ZONE_NODES: usize = 400;

/// When nothing near the headline is dated, this much page text (chars, from the body start)
/// is searched for the first date: blogs and forums date posts in post footers. With this
/// fallback (measured together with the URL-date fix) the htmldate set went from recall 0.941 /
/// F1 0.921 to recall 0.958 / F1 0.932, precision unchanged.
pub const WIDE_TEXT_DATE_WINDOW: usize = 40_000;

/// Text nodes examined by the free-text date fallback (caps work on giant pages).
pub const MAX_TEXT_DATE_NODES: usize = 400;

/// A title candidate longer than this (chars) is a description, not a headline.
pub const MAX_TITLE_CHARS: usize = 300;

/// Dates found by heuristics (URL, text) must be at least this year: the web news era (the
/// same floor htmldate uses). Markup (`datePublished`, metas) may carry archive dates back to
/// [`MIN_YEAR_STRUCTURED`].
pub const MIN_YEAR_HEURISTIC: i32 = 1995;
pub const MIN_YEAR_STRUCTURED: i32 = 1900;

/// Language detection needs this many chars of article text and this whatlang confidence:
/// conservative defaults (whatlang is unreliable on short text); not tuned on data.
pub const LANG_DETECT_MIN_CHARS: usize = 200;
pub const LANG_DETECT_MIN_CONFIDENCE: f64 = 0.5;

/// Text handed to whatlang (chars): enough for a stable guess; cost grows linearly. Chosen.
pub const LANG_DETECT_MAX_CHARS: usize = 4000;

/// Tags kept at most (keyword metas can list hundreds of SEO terms). Chosen.
pub const MAX_TAGS: usize = 30;

/// Authors kept at most: more is a list of staff, not a byline. Chosen.
pub const MAX_AUTHORS: usize = 8;

// ---------------------------------------------------------------------------------------------
// Headline
// ---------------------------------------------------------------------------------------------

/// Separators between the headline and the site/section in `<title>` and `og:title`, most
/// specific first. The spaces around them matter: "COVID-19" and "9/11" are not separated.
pub const TITLE_SEPARATORS: &[&str] = &[
    " | ", " || ", " - ", " – ", " — ", " :: ", " » ", " « ", " · ", " • ", " / ", " ~ ", " > ",
    " : ",
];

/// Class substrings of a kicker printed inside an `h1` before the headline ("Dachzeile",
/// "overline", "topic label"): the headline is the `h1` without it. From the trafilatura set,
/// whose titles are the headline alone.
pub const KICKER_MARKERS: &[&str] = &[
    "kicker",
    "dachzeile",
    "overline",
    "topline",
    "roofline",
    "spitzmarke",
    "eyebrow",
    "subtitle",
    "subheadline",
    "sub-heading",
    "topic-label",
    "titleheader",
    "label",
    "rubrik",
];

/// Class substrings of visually hidden text (screen-reader separators between kicker and
/// headline).
pub const HIDDEN_MARKERS: &[&str] = &[
    "visually-hidden",
    "visuallyhidden",
    "sr-only",
    "screen-reader",
    "invisible",
    "hidden",
];

/// Metas that name the headline, in trust order after JSON-LD `headline`.
/// Dublin Core first: rare, and when present it is deliberately the document's title.
pub const TITLE_METAS: &[&str] = &[
    "dc.title",
    "dcterms.title",
    "og:title",
    "twitter:title",
    "parsely-title",
    "sailthru.title",
    "headline",
    "title",
];

// ---------------------------------------------------------------------------------------------
// Site
// ---------------------------------------------------------------------------------------------

pub const SITE_NAME_METAS: &[&str] = &["og:site_name", "application-name", "al:ios:app_name"];

/// Host labels dropped when naming a site from its host.
pub const HOST_PREFIXES: &[&str] = &[
    "www.", "www1.", "www2.", "m.", "mobile.", "amp.", "edition.",
];

// ---------------------------------------------------------------------------------------------
// Authors
// ---------------------------------------------------------------------------------------------

/// Metas naming the author, in trust order. Dublin Core first: rare, and deliberate when present
/// (`meta[name=author]` is often a CMS default).
pub const AUTHOR_METAS: &[&str] = &[
    "dc.creator",
    "dcterms.creator",
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "byl",
    "cxenseparse:author",
    "twitter:creator:name",
    "citation_author",
];

/// Class/id substrings of byline elements (lower-cased): the CMS defaults (WordPress
/// `author vcard`, `byline`, German `autor`, French `auteur`). Chosen from those conventions,
/// then checked against the trafilatura set's author misses (no change needed there).
pub const BYLINE_MARKERS: &[&str] = &[
    "byline",
    "by-line",
    "author",
    "autor",
    "auteur",
    "autore",
    "writer",
    "reporter",
    "dateline",
    "firma",
    "journalist",
    "verfasser",
];

/// Class/id substrings that disqualify a byline-looking element: bio boxes, avatars, comment
/// authors, "more from this author" rails.
pub const BYLINE_ANTI_MARKERS: &[&str] = &[
    "comment",
    "avatar",
    "bio",
    "description",
    "related",
    "more-from",
    "popular",
    "share",
    "social",
    "follow",
    "newsletter",
    "image",
    "photo",
    "img",
    "picture",
    "widget",
    "box-title",
    "reply",
    "respond",
    "sidebar",
    "authorlist",
    "footer",
];

/// Beside "author" in a class/id, the marks of an author box after the story ("author-bio",
/// "author-info", "about-author"): its heading names the author, the last byline source.
/// Chosen from WordPress themes' author boxes, not tuned.
pub const AUTHOR_BOX_MARKERS: &[&str] = &["bio", "info", "about", "profile", "box"];

/// Words of an author box's label heading ("About the author", "Über den Autor"), never of the
/// name in it.
pub const AUTHOR_BOX_LABEL_WORDS: &[&str] = &[
    "author", "autor", "autorin", "auteur", "autrice", "autore", "autora",
];

/// Class/id token prefixes of containers whose bylines and dates belong to other content
/// (comment threads, teaser rails, sidebars). Matched at the start of a token, so
/// "sticky-sidebar-parent" (an article wrapper) does not count; tuned on the trafilatura set.
pub const FOREIGN_CONTEXT: &[&str] = &[
    "related",
    "sidebar",
    "footer",
    "recommend",
    "teaser",
    "widget",
    "more-",
    "popular",
    "trending",
];

/// Class/id token prefixes of lists of other stories: foreign even around an `<article>` (the
/// teasers of a "related posts" list are `<article>`s of their own).
pub const OTHER_STORIES_CONTEXT: &[&str] = &["related", "recommend", "more-stories", "trending"];

/// Class/id token prefixes of comment threads: foreign even inside `<article>`.
pub const COMMENT_CONTEXT: &[&str] = &["comment", "reply", "respond", "disqus"];

/// Prefixes stripped from a byline, all lower-case, longest first within a language.
pub const BYLINE_PREFIXES: &[&str] = &[
    "written by",
    "posted by",
    "interview:",
    "über",
    "about",
    "author",
    "auteur:",
    "erstellt von",
    "artikel von",
    "ein artikel von",
    "pressemitteilung von",
    "bericht von",
    "text und fotos:",
    "fotos:",
    "foto:",
    "published by",
    "reported by",
    "story by",
    "words by",
    "text by",
    "article by",
    "by:",
    "by",
    "geschrieben von",
    "verfasst von",
    "ein beitrag von",
    "ein kommentar von",
    "ein gastbeitrag von",
    "ein interview von",
    "eine analyse von",
    "eine reportage von",
    "von",
    "autor:",
    "autorin:",
    "autoren:",
    "author:",
    "authors:",
    "text:",
    "texte :",
    "texte:",
    "publié par",
    "écrit par",
    "par",
    "escrito por",
    "publicado por",
    "redacción:",
    "por",
    "scritto da",
    "di",
    "door",
    "av",
    "de",
];

/// Whole-name junk: never an author, whatever the source (lower-case, compared after cleaning).
pub const JUNK_AUTHORS: &[&str] = &[
    "admin",
    "administrator",
    "staff",
    "editor",
    "editors",
    "redaktion",
    "redacción",
    "rédaction",
    "redazione",
    "guest",
    "anonymous",
    "unknown",
    "user",
    "team",
    "web",
    "webmaster",
    "author",
    "autor",
    "autorin",
    "by",
    "von",
    "share",
    "facebook",
    "twitter",
    "linkedin",
    "email",
    "e-mail",
    "print",
    "follow",
    "menu",
    "search",
    "home",
    "news",
    "more",
    "comments",
    "comment",
    "read more",
    "mehr",
    "all posts",
    "view all posts",
    "contributor",
    "contributors",
    "null",
    "undefined",
    "none",
    "n/a",
    "na",
    "posted",
    "published",
    "updated",
    "sign in",
    "login",
    "subscribe",
    "abonnieren",
    "no",
    "yes",
    "true",
    "false",
    "wordpress",
    "post",
    "stand",
    "datum",
    "vor",
    "phd",
    "md",
    "agencies",
    "agenturen",
    "artikel von",
    "text",
    "texte",
    "quelle",
    "source",
    "alle beiträge",
    "alle artikel",
    "zur person",
    "über mich",
    "about me",
    "about the author",
    "über den autor",
    "über die autorin",
    "no author",
    "kein autor",
    "unbekannt",
    "suche",
    "filter",
    "sortieren",
    "sort",
];

/// Bylines naming the editorial team itself ("Von Redaktion"): not a person, but what the page
/// credits; kept (as written) only when no person is named anywhere (comparison keys).
pub const EDITORIAL_BYLINES: &[&str] = &[
    "redaktion",
    "die redaktion",
    "online redaktion",
    "onlineredaktion",
    "redacción",
    "rédaction",
    "la rédaction",
    "redazione",
    "la redazione",
];

/// Words (comparison keys) that mark an author value from metas/JSON-LD as an organisation:
/// such values are kept only when no byline names a person. From the trafilatura set, where
/// CMSs put the company, association or magazine in `meta[name=author]`.
pub const ORGANISATION_MARKERS: &[&str] = &[
    "gmbh",
    "ag",
    "ev",
    "verlag",
    "magazin",
    "magazine",
    "redaktion",
    "online",
    "media",
    "zeitung",
    "foundation",
    "stiftung",
    "verband",
    "team",
    "inc",
    "ltd",
    "llc",
    "newsroom",
    "editorial",
];

/// Words that make a byline candidate read as a sentence, navigation or a role, not a name.
/// A candidate containing one (as a whole word, case-insensitively) is rejected.
pub const NON_NAME_WORDS: &[&str] = &[
    "the",
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "will",
    "this",
    "that",
    "with",
    "for",
    "from",
    "about",
    "more",
    "read",
    "view",
    "all",
    "posts",
    "articles",
    "stories",
    "email",
    "e-mail",
    "follow",
    "contact",
    "twitter",
    "facebook",
    "instagram",
    "linkedin",
    "updated",
    "published",
    "posted",
    "share",
    "comments",
    "comment",
    "minutes",
    "minute",
    "min",
    "ago",
    "hours",
    "click",
    "here",
    "subscribe",
    "newsletter",
    "menu",
    "home",
    "login",
    "der",
    "die",
    "das",
    "ist",
    "und",
    "mit",
    "für",
    "sie",
    "wir",
    "ich",
    "uhr",
    "lesezeit",
    "aktualisiert",
    "veröffentlicht",
    "le",
    "les",
    "est",
    "et",
    "pour",
    "mis",
    "à",
    "jour",
    "el",
    "los",
    "las",
    "es",
    "y",
    "para",
    "actualizado",
    "photo",
    "photos",
    "image",
    "images",
    "video",
    "getty",
    "shutterstock",
    "copyright",
    "reading",
    "time",
    "print",
    "am",
    "pm",
    "de",
    "en",
    "a",
    "an",
    // Roles: "Uta Beispiel; Projektleiterin der Stiftung" names a job, not a second author.
    "chefredakteur",
    "chefredakteurin",
    "redakteur",
    "redakteurin",
    "projektleiter",
    "projektleiterin",
    "pressesprecher",
    "pressesprecherin",
    "sprecher",
    "sprecherin",
    "leiter",
    "leiterin",
    "referent",
    "referentin",
    "geschäftsführer",
    "geschäftsführerin",
    "herausgeber",
    "herausgeberin",
];

/// What follows a person's name in the name of their own site ("Daniel Lemire's blog", as a
/// comparison key): such a site's author is that person, not the outlet. Chosen, not tuned.
pub const PERSONAL_SITE_WORDS: &[&str] = &[
    "s blog",
    "blog",
    "s weblog",
    "weblog",
    "s website",
    "website",
    "s homepage",
    "homepage",
    "s home page",
];

/// Roles and job titles cut from the end of a byline ("Jane Roe, Staff Writer").
pub static ROLE_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    // Common job titles; the degree suffixes (", PhD") were added after trafilatura-set misses.
    Regex::new(
        r"(?i)(?:,|\||\s[-–—]|\s)\s*(?:(?:senior|chief|deputy|managing|executive|contributing|associate|staff|political|sports?|business|science|health|tech(?:nology)?|foreign|national|local|special|data|investigative|correspondent|white house|washington|global|digital|social media|breaking news|news)\s+)*(?:writer|reporter|editor|correspondent|columnist|contributor|journalist|producer|photographer|analyst|critic|redakteur(?:in)?|korrespondent(?:in)?|journaliste|periodista|redactor(?:a)?|corresponsal|autor(?:in)?|author|intern|fellow|staff|chefredakteur(?:in)?|(?:stellvertretende[r]?\s+)?chefredakteur(?:in)?|herausgeber(?:in)?|projektleiter(?:in)?|pressesprecher(?:in)?|sprecher(?:in)?|volontär(?:in)?|praktikant(?:in)?|geschäftsführer(?:in)?|referent(?:in)?|fotograf(?:in)?|moderator(?:in)?|freie[r]?\s+(?:autor(?:in)?|journalist(?:in)?|mitarbeiter(?:in)?))s?\b.*$|,\s*(?:ph\.?d|m\.?d|mph|rd|msc|mba|dr)\.?\b.*$",
    )
    .expect("role regex")
});

/// Email addresses, URLs and @handles inside bylines.
pub static BYLINE_NOISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\S+(?:@|\[at\]|\(at\))\S+\.\S+|https?://\S+|www\.\S+|(?:^|\s)@\w+")
        .expect("noise regex")
});

/// A label glued to a name by markup without a space: "AuthorAndreas Kalt", "VonErika Beispiel"
/// (a label followed directly by a capitalised word). Replaced by `$1$2`: the label goes.
pub static LABEL_GLUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(^|\s)(?:Author|Autor|Autorin|Von|By|Text)(\p{Lu}\p{Ll})").expect("label glue")
});

/// A button glued to the end of a name: "Jane RoeFollow Reporterin". The text is cut after
/// the name's last letter (group 1).
pub static BUTTON_GLUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\p{Ll})(?:Follow|Folgen|Abonnieren)\b").expect("button glue"));

/// A parenthesised role or affiliation closing a byline: "(Pressesprecher des Verbands)". One
/// word in parentheses ("(dpa)", a user name) and asides inside a name stay.
pub static BYLINE_ASIDE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*\([^()]{0,60}\s[^()]{0,60}\)\s*$").expect("aside regex"));

/// Trailing phrases cut from bylines: "Email the author", "Follow on Twitter", "| Updated ...",
/// dates and times. Everything from the first match to the end goes (the caller cuts there:
/// a `.*$` in the pattern made the engine search backwards from the end, measured at ~70,000
/// instructions a byline).
pub static BYLINE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\s*(?:\||·|•|–|—|\s-\s|,)?\s*(?:(?:zeige\s+|show\s+)?alle (?:artikel|beiträge)|weitere (?:artikel|beiträge)|mehr (?:artikel|beiträge|von)|zum autor|zur autorin|zum profil|(?:illustrations?|fotos?|photos?|bilder?|grafik(?:en)?)\s+(?:von|by)\b|email the author|e-mail the author|send an email|follow (?:on|me|him|her|us)\b|view (?:all|more)|more (?:from|by|articles|stories)|(?:show\s+|see\s+)?all (?:posts|articles|stories)|(?:last\s+)?updated\b|last\s+modified\b|published\b|posted\b|aktualisiert\b|veröffentlicht\b|mis à jour\b|publié\b|actualizado\b|publicad[oa]\b|pubblicato\b|gepubliceerd\b|\bam \d|\bon \d|\ble \d|\bel \d|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b|\d{1,2}\.? (?:jan|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec)[a-zä]*\b|\d{1,2}:\d{2}|\d+ (?:min|minutes?|hours?|stunden?|minuten|horas?|minutos?|heures?|ore|minuti)\b|\bhace \d|\bil y a \d|tiempo de lectura|temps de lecture|lesezeit|reading time|min read|stand\b|datum\b|vor \d|(?:mo|di|mi|do|fr|sa|so)[.,]|(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|shares?\b)",
    )
    .expect("tail regex")
});

/// Separators between several names in one byline.
pub static NAME_SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    // Conjunctions only between spaces: "e.V." and "Procter&Gamble" stay whole.
    Regex::new(r"(?i)\s*(?:,|;|/|\|)\s*|\s+(?:and|und|et|y|e|en|och|og)\s+").expect("split regex")
});

/// The subset of [`NAME_SPLIT`] that is a conjunction or ampersand: splitting there is only
/// done when every part is a person's name ("Wald und Forstwirtschaft" stays whole).
pub static NAME_CONJUNCTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(?:and|und|et|y|e|en|och|og|&)\s+").expect("conjunction regex")
});

/// A byline written as text: "By Jane Roe", "Posted on May 5, 2020 by jroe", "Eingestellt von
/// Max Muster", "Autor: Erika Beispiel", "---- by Jane Roe". Matched on short text nodes only;
/// `name` may be empty when the name is in the next node ("Posted by <a>jroe</a>").
/// Tuned on the trafilatura set's blog pages.
pub static BY_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    // `q`/`q2`: a qualifier ("Posted", "Autor:") that makes a lone handle acceptable.
    Regex::new(
        r"(?i)^\W*(?:\d[\d./:\s]{4,24}(?:uhr\s*)?[|·•–—-]?\s*)?(?:(?P<q>posted|written|geschrieben|eingestellt|gespeichert|verfasst|erstellt|veröffentlicht|publié|écrit|escrito|publicado|text|(?:eine?\s+)?(?:artikel|beitrag|kommentar|kolumne|gastbeitrag|interview|bericht|reportage|analyse|essay))(?:\s+(?:on|am|le|el)\s+[^|]{4,40}?)?\s+)?(?:by|von|par|por|door)\b\s*(?P<colon>:)?\s*(?P<name>[^|•·]*)$|^\W*(?P<q2>autor(?:in|en)?|author|text|texte|redaktion)\s*:\s*(?P<name2>.*)$|^\W*(?P<q3>autor(?:in|en)?|authors?)\s+(?P<name3>(?-i:\p{Lu}).*)$",
    )
    .expect("by regex")
});

/// Texts around the headline searched for a date line naming the author (see
/// `authors::date_line_names`): the headline zone only. Chosen, not tuned.
pub const DATE_LINE_TEXTS: usize = 12;

/// A clock time with an optional "Uhr"/am/pm: "13:10 Uhr", "9:30 pm".
pub static CLOCK_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:uhr|h|am|pm|a\.m\.|p\.m\.)?")
        .expect("clock")
});

/// "... von Nils Pickert" inside a short opening line ("Eine Kolumne von Nils Pickert"): the
/// name after it, for completing a first name from structured data (not a source by itself).
pub static BY_INSIDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:von|by)\s+((?-i:\p{Lu})[\p{L}.'-]+(?:\s+(?-i:\p{Lu})[\p{L}.'-]+){1,3})")
        .expect("by inside")
});

/// "Autor: Ida Muster" among other labelled fields of a byline block, up to the next label
/// ("Quelle:", "Datum:") or the end.
pub static LABELLED_AUTHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:autor(?:in|en)?|author|verfasser(?:in)?)\s*:\s*(.+?)(?:\s+\p{L}+\s*:.*)?$",
    )
    .expect("labelled author")
});

/// Words before "by"/"von" that make it a photo or source credit, not a byline.
pub static BY_TEXT_NOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:foto|fotos|photo|photos|bild|bilder|image|images|quelle|source|grafik|illustration|video|karte|map|copyright|lizenz|license|licensed|powered|theme|designed|hosted|made)\b")
        .expect("by-not regex")
});

/// Name particles allowed in lower case inside a name ("Ludwig van Beethoven").
pub const NAME_PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "le",
    "la", "ter", "ten", "zu", "bin", "al", "el", "y", "e", "mc", "st.",
];

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

/// Metas giving the publication date, in trust order (key = lower-cased `property`, `name` or
/// `itemprop`): Open Graph, schema.org, Parse.ly, Sailthru, Dublin Core and CMS names from
/// htmldate's list. On the htmldate set `article:published_time` is right 118 times in 124;
/// the generic `date`/`dc.date` names are the least reliable (about 1 in 3 wrong).
pub const PUBLISHED_METAS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "publishdate",
    "publish_date",
    "publish-date",
    "published_time",
    "published-date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "date",
    "og:published_time",
    "article.published",
    "citation_publication_date",
    "citation_date",
    "originalpublicationdate",
    "cxenseparse:recs:publishtime",
    "article_date_original",
    "date_published",
    "datecreated",
    "creation_date",
    "created",
    "release_date",
    "og:pubdate",
    "bt:pubdate",
    "pub_date",
    "displaydate",
    "dc.date.created",
    "ptime",
    "dateline",
    "shareaholic:article_published_time",
    "og:updated_time_published",
];

/// The generic names among [`PUBLISHED_METAS`]: CMSs fill them with the day the page was
/// generated or last edited about as often as with the publication (about 1 in 3 wrong on the
/// htmldate set), so a date the page shows in a time or date element outweighs them.
pub const WEAK_PUBLISHED_METAS: &[&str] = &["dc.date", "dcterms.date", "date"];

/// Metas giving the last modification, in trust order. Never used for `published`.
pub const MODIFIED_METAS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "last-modified",
    "lastmod",
    "dc.date.modified",
    "dcterms.modified",
    "article:modified",
    "modified_time",
    "utime",
    "revised",
    "shareaholic:article_modified_time",
];

/// Class/id/itemprop substrings of elements that hold a publication date in their text or
/// `datetime`/`content`/`title` attribute, after the class names htmldate looks for; broad on
/// purpose, since each hit must still parse as a date outside comment/teaser context.
pub const DATE_MARKERS: &[&str] = &[
    "date",
    "time",
    "publish",
    "posted",
    "postmeta",
    "post-meta",
    "entry-meta",
    "article-meta",
    "byline",
    "datum",
    "fecha",
    "meta-info",
    "submitted",
    "dateline",
    "stand",
    "info",
    "meta",
];

/// Class/id substrings for elements whose date is a modification, comment or event date.
pub const DATE_ANTI_MARKERS: &[&str] = &[
    "modif",
    "update",
    "edited",
    "revis",
    "comment",
    "reply",
    "footer",
    "copyright",
    "sidebar",
    "widget",
    "related",
    "event",
    "archive",
    "calendar",
    "expir",
    "aktualisiert",
    "geaendert",
];

/// Words right before a date that mark it as a modification ("Updated March 5, 2024").
pub static MODIFIED_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:updated|last modified|modified|revised|edited|aktualisiert|zuletzt geändert|geändert|letzte änderung|stand|mis à jour|modifié|actualizado|actualización|aggiornato|bijgewerkt)\W{0,3}(?:on|am|le|el|:)?\s*$",
    )
    .expect("modified cue")
});

/// Words right before a date that make it no article date at all: the clock of a forum page
/// ("Aktuelle Zeit: ..."), a member's registration, a deadline ("bis 31.12.2018").
pub static FOREIGN_DATE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:aktuelle zeit|current time|it is currently|es ist jetzt|registriert|registered|mitglied seit|member since|joined|dabei seit|\bbis|\buntil|valid through|deadline|frist)\W{0,3}(?:on|am|zum|:)?\s*$",
    )
    .expect("foreign date cue")
});

/// Words right before a date that mark it as the publication ("Published March 5, 2024").
pub static PUBLISHED_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:published|posted|posted on|first published|erschienen|erscheinungsdatum|veröffentlicht|publiziert|erstellt|publié|publicado|pubblicato|gepubliceerd|datum|date)\W{0,3}(?:on|am|le|el|:)?\s*$",
    )
    .expect("published cue")
});

/// A dotted day with a two-digit year, `31.10.23`: read only in date-marked elements (see
/// `dates::find_short_year`). Not part of a longer dotted number on either side.
pub static SHORT_YEAR_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d.])(\d{1,2})\.(\d{1,2})\.(\d{2})(?:$|[^\d.]|\.(?:\s|$))")
        .expect("short year date")
});

/// A date inside a URL path: `/2024/03/05/`, `/2024-03-05-`, `/20240305/`, `/2024/3/5/`, and
/// month-only `/2024/03/`. Separated groups may be 1-2 digits; the compact form needs exactly
/// eight digits (so a 14-digit archive timestamp does not count).
pub static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[/_\-.])((?:19|20)\d{2})(?:[/_\-.](0?[1-9]|1[0-2])(?:[/_\-.](0?[1-9]|[12]\d|3[01]))?|(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01]))(?:[/_\-.]|$)",
    )
    .expect("url date")
});

/// JSON data scripts kept for the script-data date fallback, and the bytes of them read: a
/// page's state blob puts its own record first, and 1 MB covers the largest seen on the
/// evaluation sets.
pub const MAX_SCRIPTS: usize = 64;
pub const MAX_SCRIPT_BYTES: usize = 1 << 20;

/// A publication key and its string value in script data: `"publishedDate":"..."`. Only publication names: `created`/`updated`
/// keys date records of every kind (comments, embeds, the product's stock).
pub static SCRIPT_PUBLISHED_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)["']?\b(?:date_?published|published_?(?:date|at|time)|publish_?date|first_?published(?:_?(?:date|at))?)["']?\s*:\s*["']([^"'\\]{8,40})["']"#,
    )
    .expect("script published key")
});

/// How many days after the day its URL names a story may go out, when the structured
/// publication date (JSON-LD or a publication meta, agreeing when both are there) says it did:
/// a draft's URL is minted before publication. Beyond it the markup's day is a re-publication or
/// an edit and the URL's day stands. A week: on the htmldate and trafilatura sets such lags were
/// 1 to 6 days, re-publications months or years.
pub const URL_PUBLICATION_LAG_DAYS: i64 = 7;

/// A publication meta (with no JSON-LD to back it) more than this many days after the date a
/// `<time>` shows right under the headline was re-stamped when the page was edited or moved: the
/// shown date is the publication. Closer than that, the two are more often the same story read
/// in two time zones, or the `<time>` is another item's. A week, like the URL lag above; on the
/// trafilatura set the re-stamps seen were months after the shown day.
pub const META_RESTAMP_MIN_DAYS: i64 = 7;

/// A day-first date as a whole path segment or its start: `/29-10-2021`, `/29.10.2021-title`.
/// Used only when unambiguous (day above 12, or month above 12 for the US order).
pub static URL_DATE_DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/(\d{1,2})[-_.](\d{1,2})[-_.]((?:19|20)\d{2})(?:[/_\-.]|$)").expect("url dmy")
});

/// Languages spoken (mainly) in Central European Time (UTC+1, summer UTC+2): a UTC stamp at
/// exactly 23:00 (22:00 in summer) on such a page is a date-only value stored as local midnight.
pub const CET_LANGUAGES: &[&str] = &[
    "de", "fr", "it", "es", "nl", "pl", "cs", "sk", "hu", "da", "sv", "nb", "nn", "no", "hr", "sl",
    "sr", "bs", "lb", "ca",
];

/// Month names (lower case, accents kept) of the languages in the evaluation sets (English,
/// German, French, Spanish, Italian, Portuguese, Dutch, Russian, Ukrainian), with their standard
/// abbreviations.
pub const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("jänner", 1),
    ("janvier", 1),
    ("janv", 1),
    ("enero", 1),
    ("ene", 1),
    ("gennaio", 1),
    ("janeiro", 1),
    ("januari", 1),
    ("february", 2),
    ("feb", 2),
    ("februar", 2),
    ("feber", 2),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("fév", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("fevereiro", 2),
    ("fev", 2),
    ("februari", 2),
    ("march", 3),
    ("mar", 3),
    ("märz", 3),
    ("maerz", 3),
    ("mär", 3),
    ("mars", 3),
    ("marzo", 3),
    ("março", 3),
    ("marco", 3),
    ("maart", 3),
    ("mrt", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("avr", 4),
    ("abril", 4),
    ("abr", 4),
    ("aprile", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("maio", 5),
    ("mei", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("giugno", 6),
    ("junho", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("juillet", 7),
    ("juil", 7),
    ("julio", 7),
    ("luglio", 7),
    ("julho", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("ago", 8),
    ("augustus", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("settembre", 9),
    ("setembro", 9),
    ("set", 9),
    ("october", 10),
    ("oct", 10),
    ("oktober", 10),
    ("okt", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("ottobre", 10),
    ("outubro", 10),
    ("out", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("december", 12),
    ("dec", 12),
    ("dezember", 12),
    ("dez", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
    ("diciembre", 12),
    ("dic", 12),
    ("dicembre", 12),
    ("dezembro", 12),
    // Russian and Ukrainian (genitive, as dates write them, and nominative).
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
    ("январь", 1),
    ("февраль", 2),
    ("март", 3),
    ("апрель", 4),
    ("май", 5),
    ("июнь", 6),
    ("июль", 7),
    ("август", 8),
    ("сентябрь", 9),
    ("октябрь", 10),
    ("ноябрь", 11),
    ("декабрь", 12),
    ("січня", 1),
    ("лютого", 2),
    ("березня", 3),
    ("квітня", 4),
    ("травня", 5),
    ("червня", 6),
    ("липня", 7),
    ("серпня", 8),
    ("вересня", 9),
    ("жовтня", 10),
    ("листопада", 11),
    ("грудня", 12),
];

/// Time-zone abbreviations accepted after a time, with their offset in minutes. Only the
/// unambiguous ones seen on news pages ("IST" and "CST" are ambiguous and left out on purpose,
/// except CST/CDT which US pages use overwhelmingly).
pub const TIME_ZONES: &[(&str, i32)] = &[
    ("utc", 0),
    ("gmt", 0),
    ("z", 0),
    ("est", -300),
    ("edt", -240),
    ("cst", -360),
    ("cdt", -300),
    ("mst", -420),
    ("mdt", -360),
    ("pst", -480),
    ("pdt", -420),
    ("cet", 60),
    ("cest", 120),
    ("mez", 60),
    ("mesz", 120),
    ("bst", 60),
    ("eet", 120),
    ("eest", 180),
    ("wet", 0),
    ("west", 60),
    ("aest", 600),
    ("aedt", 660),
    ("jst", 540),
];

/// Month-name alternation for the text regexes, longest first so "june" beats "jun".
fn month_alternation() -> String {
    let mut names: Vec<&str> = MONTHS.iter().map(|(n, _)| *n).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    names.dedup();
    names.join("|")
}

/// Dates written out in text: ISO-like, day-month-year and month-day-year with month names,
/// numeric day.month.year (also "26 | 01 | 2022", a dateline style seen on Swiss and German
/// magazine sites), and Chinese/Japanese `2024年3月5日`.
/// One alternation so a text is scanned once.
pub static TEXT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let mon = month_alternation();
    Regex::new(&format!(
        r"(?ix)
        (?P<iso>\b(?P<iy>\d{{4}})[-/.](?P<im>\d{{1,2}})[-/.](?P<id>\d{{1,2}})(?:[T\s]+(?P<ith>\d{{1,2}}):(?P<itm>\d{{2}})(?::(?P<its>\d{{2}}))?(?:\.\d+)?\s*(?P<itz>Z|[+-]\d{{2}}:?\d{{2}}|[+-]\d{{2}}\b)?)?)
        | (?P<dmy>\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th|er|º|°)?\.?\s*(?:de\s+|of\s+)?(?P<mon1>{mon})\.?,?\s*(?:de\s+|del\s+)?'?(?P<y1>\d{{4}})\b)
        | (?P<mdy>\b(?P<mon2>{mon})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})\b)
        | (?P<num>\b(?P<n1>\d{{1,2}})(?P<sep>[./-])\s?(?P<n2>\d{{1,2}})[./-]\s?(?P<ny>\d{{4}})\b)
        | (?P<piped>\b(?P<p1>\d{{1,2}})\s?\|\s?(?P<p2>\d{{1,2}})\s?\|\s?(?P<py>\d{{4}})\b)
        | (?P<cjk>(?P<cy>\d{{4}})\s?年\s?(?P<cm>\d{{1,2}})\s?月\s?(?P<cd>\d{{1,2}})\s?日)
        "
    ))
    .expect("text date regex")
});

/// A time right after a date in text: ", 10:30", " at 10:30 am EST", " um 10:30 Uhr".
pub static TEXT_TIME: LazyLock<Regex> = LazyLock::new(|| {
    let zones: Vec<&str> = TIME_ZONES.iter().map(|(z, _)| *z).collect();
    Regex::new(&format!(
        r"(?i)^\s*(?:,|\bat\b|\bum\b|\bà\b|\ba las\b|\balle\b|\bàs\b|-|–|\|)?\s*(?P<h>\d{{1,2}})[:.h](?P<m>\d{{2}})(?::(?P<s>\d{{2}}))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)?(?:\s*uhr)?\s*(?:\(?(?P<tz>{})\)?\b|(?P<off>[+-]\d{{2}}:?\d{{2}}))?",
        zones.join("|")
    ))
    .expect("text time regex")
});

// ---------------------------------------------------------------------------------------------
// Credits and syndication
// ---------------------------------------------------------------------------------------------

/// A whole standalone line that is a credit line. Each alternative is anchored to the line's
/// shape (start or end), so a sentence that merely contains "reporting" is not taken. Tuned on
/// the hand-written set of credit lines and look-alikes in the `meta::credits` tests.
pub static CREDIT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    // `(?-i:\p{Lu})`: a capital letter even inside the case-insensitive pattern — a credit
    // names someone ("Reporting by Jane"), a sentence goes on lower-case ("Reporting by the").
    Regex::new(
        r#"(?ix)^\s*[\(\[*_—–-]*\s*(?:
            (?:additional\s+)?reporting\s+(?:by|from)\s+(?-i:\p{Lu})
          | (?:writing|editing|edited|compiled|produced|research|researched|written|translated|fact-checked|graphics|photos?|video|illustrations?|design(?:ed)?)\s+by\s+(?-i:\p{Lu})
          | (?:this\s+(?:story|article|report|piece|post|column)\s+(?:was|is|has\s+been)\s+(?:originally|first)\s+(?:published|appeared|posted|reported|produced)|(?:originally|first)\s+(?:published|appeared|posted)\s+(?:by|at|in|on))\b
          | this\s+(?:story|article|report)\s+(?:was|is)\s+(?:produced|published|written|reported|distributed)\s+(?:by|in\s+partnership\s+with|in\s+collaboration\s+with|through)\b
          | (?:the\s+)?associated\s+press\s+(?:writers?|reporters?|correspondents?)\s+(?-i:\p{Lu})
          | mitarbeit:\s | mit\s+material\s+(?:von|der|des)\s
          | (?:—|–|-{1,2})\s*(?:the\s+)?(?:associated\s+press|reuters|afp|agence\s+france-presse|bloomberg(?:\s+news)?|ap|dpa|upi|cnn|bbc|(?:(?-i:\p{Lu})[\w.&'-]*\s+){0,4}(?:press|news|times|post|staff|agency|wire|service|herald|journal|tribune|media|desk|bureau|newsroom))\s*\.?\s*$
        )"#,
    )
    .expect("credit line regex")
});

/// Words one of which opens every line [`CREDIT_LINE`] matches (except dash signatures,
/// checked separately); scanned in the first 60 bytes to spare the large regex most paragraphs.
pub static CREDIT_HINTS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "report",
            "writ",
            "edit",
            "compiled",
            "produc",
            "research",
            "translat",
            "fact-check",
            "graphic",
            "photo",
            "video",
            "illustr",
            "design",
            "originally",
            "first",
            "this ",
            "associated press",
            "mitarbeit",
            "material",
        ])
        .expect("static credit hints")
});

/// Words one of which every line [`CREDIT_LINE_END`] matches contains.
pub static CREDIT_END_HINTS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(["contribut", "assisted", "helped"])
        .expect("static credit end hints")
});

/// Credit lines recognised by how they end: "X and Y contributed to this report."
pub static CREDIT_LINE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:contributed|contributes|assisted|helped)\s+(?:(?:reporting|research|to\s+(?:this|the)\s+(?:report|story|article|reporting|coverage)))(?:\s+from\s+[\p{L} ,.'-]{2,60})?\s*\.?\s*\)?$|\bcontributed\s+reporting\b.*$|\bcontributed\s+to\s+this\s+(?:report|story|article)\b.*$",
    )
    .expect("credit end regex")
});

/// Role headings inside a credit line: "Reporting by", "Editing by" (they split it into parts).
pub static CREDIT_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:additional\s+)?(?:reporting|writing|editing|edited|compiled|produced|research|researched|written|translated|fact-checked|graphics|photos?|video|illustrations?|design(?:ed)?)\s+(?:by|from)\s+",
    )
    .expect("credit role regex")
});

/// Wire services and syndicating outlets, with the canonical name reported. Matched as whole
/// words, case-sensitively for the short acronyms (so "ap" in a sentence does not count).
pub const WIRE_SERVICES: &[(&str, &str)] = &[
    ("The Associated Press", "The Associated Press"),
    ("Associated Press", "The Associated Press"),
    ("AP", "The Associated Press"),
    ("Reuters", "Reuters"),
    ("Thomson Reuters", "Reuters"),
    ("AFP", "AFP"),
    ("Agence France-Presse", "AFP"),
    ("Agence France Presse", "AFP"),
    ("dpa", "dpa"),
    ("DPA", "dpa"),
    ("Deutsche Presse-Agentur", "dpa"),
    ("Bloomberg", "Bloomberg"),
    ("Bloomberg News", "Bloomberg"),
    ("UPI", "UPI"),
    ("United Press International", "UPI"),
    ("PA", "PA Media"),
    ("PA Media", "PA Media"),
    ("Press Association", "PA Media"),
    ("ANSA", "ANSA"),
    ("EFE", "EFE"),
    ("Europa Press", "Europa Press"),
    ("Kyodo", "Kyodo News"),
    ("Kyodo News", "Kyodo News"),
    ("Xinhua", "Xinhua"),
    ("Yonhap", "Yonhap"),
    ("KNA", "KNA"),
    ("epd", "epd"),
    ("APA", "APA"),
    ("SDA", "Keystone-SDA"),
    ("Keystone-SDA", "Keystone-SDA"),
    ("AAP", "AAP"),
    ("Canadian Press", "The Canadian Press"),
    ("The Canadian Press", "The Canadian Press"),
    ("CNN Wire", "CNN Wire"),
    ("Tribune News Service", "Tribune News Service"),
    ("The Conversation", "The Conversation"),
    ("KHN", "KFF Health News"),
    ("Kaiser Health News", "KFF Health News"),
    ("KFF Health News", "KFF Health News"),
    ("Stateline", "Stateline"),
    ("CalMatters", "CalMatters"),
    ("ProPublica", "ProPublica"),
    ("Agence Belga", "Belga"),
    ("Belga", "Belga"),
    ("TASS", "TASS"),
    ("Interfax", "Interfax"),
    ("PTI", "PTI"),
    ("IANS", "IANS"),
];

/// A dateline naming a wire service: "WASHINGTON (AP) —", "BERLIN (dpa) -".
pub static WIRE_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\p{Lu}][\p{Lu}\p{Ll} .,'/-]{1,60}\s*\((?P<wire>AP|Reuters|AFP|dpa|UPI|ANSA|EFE|KNA|epd|APA|SDA|AAP|CNN|dpa-AFX)\)\s*[-–—:]")
        .expect("wire dateline")
});

/// "Originally published by/at/in X" / "This story was originally published by X" — the outlet.
pub static ORIGINALLY_PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:originally|first)\s+(?:published|appeared|posted|ran)\s+(?:by|at|in|on)\s+(?:the\s+website\s+of\s+)?(?P<src>(?-i:[\p{Lu}\p{N}])[\p{L}\p{N}.&'’-]*(?:\s+(?:of\s+|the\s+|and\s+|&\s+)?(?-i:[\p{Lu}\p{N}])[\p{L}\p{N}.&'’-]*){0,5})",
    )
    .expect("originally published")
});

// ---------------------------------------------------------------------------------------------
// Language
// ---------------------------------------------------------------------------------------------

/// whatlang's ISO 639-3 codes to ISO 639-1 (BCP 47 prefers the two-letter code when one exists).
pub const ISO639_3_TO_1: &[(&str, &str)] = &[
    ("epo", "eo"),
    ("eng", "en"),
    ("rus", "ru"),
    ("cmn", "zh"),
    ("spa", "es"),
    ("por", "pt"),
    ("ita", "it"),
    ("ben", "bn"),
    ("fra", "fr"),
    ("deu", "de"),
    ("ukr", "uk"),
    ("kat", "ka"),
    ("ara", "ar"),
    ("hin", "hi"),
    ("jpn", "ja"),
    ("heb", "he"),
    ("yid", "yi"),
    ("pol", "pl"),
    ("amh", "am"),
    ("jav", "jv"),
    ("kor", "ko"),
    ("nob", "nb"),
    ("dan", "da"),
    ("swe", "sv"),
    ("fin", "fi"),
    ("tur", "tr"),
    ("nld", "nl"),
    ("hun", "hu"),
    ("ces", "cs"),
    ("ell", "el"),
    ("bul", "bg"),
    ("bel", "be"),
    ("mar", "mr"),
    ("kan", "kn"),
    ("ron", "ro"),
    ("slv", "sl"),
    ("hrv", "hr"),
    ("srp", "sr"),
    ("mkd", "mk"),
    ("lit", "lt"),
    ("lav", "lv"),
    ("est", "et"),
    ("tam", "ta"),
    ("vie", "vi"),
    ("urd", "ur"),
    ("tha", "th"),
    ("guj", "gu"),
    ("uzb", "uz"),
    ("pan", "pa"),
    ("aze", "az"),
    ("ind", "id"),
    ("tel", "te"),
    ("pes", "fa"),
    ("mal", "ml"),
    ("ori", "or"),
    ("mya", "my"),
    ("nep", "ne"),
    ("sin", "si"),
    ("khm", "km"),
    ("tuk", "tk"),
    ("aka", "ak"),
    ("zul", "zu"),
    ("sna", "sn"),
    ("afr", "af"),
    ("lat", "la"),
    ("slk", "sk"),
    ("cat", "ca"),
    ("tgl", "tl"),
    ("hye", "hy"),
];

/// Metas giving the content language.
pub const LANGUAGE_METAS: &[&str] = &[
    "og:locale",
    "content-language",
    "language",
    "dc.language",
    "dcterms.language",
    "lang",
];

// ---------------------------------------------------------------------------------------------
// Description, section, tags, image, canonical
// ---------------------------------------------------------------------------------------------

pub const DESCRIPTION_METAS: &[&str] = &[
    "og:description",
    "description",
    "twitter:description",
    "dc.description",
    "dcterms.description",
];

pub const SECTION_METAS: &[&str] = &[
    "article:section",
    "og:article:section",
    "parsely-section",
    "section",
    "category",
    "article.section",
];

pub const TAG_METAS: &[&str] = &[
    "article:tag",
    "og:article:tag",
    "news_keywords",
    "keywords",
    "parsely-tags",
    "sailthru.tags",
];

pub const IMAGE_METAS: &[&str] = &[
    "og:image",
    "og:image:url",
    "og:image:secure_url",
    "twitter:image",
    "twitter:image:src",
    "thumbnail",
    "image",
];

/// JSON-LD `@type`s that describe the article itself (schema.org's CreativeWork subtypes used
/// for news and blog pages). `WebPage` is a fallback only.
pub const ARTICLE_TYPES: &[&str] = &[
    "newsarticle",
    "article",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "askpublicnewsarticle",
    "satiricalarticle",
    "livebloposting",
    "liveblogposting",
    "techarticle",
    "scholarlyarticle",
    "report",
    "socialmediaposting",
    "discussionforumposting",
    "posting",
    "review",
    "recipe",
    "howto",
    "creativework",
    "medicalwebpage",
];

pub const PAGE_TYPES: &[&str] = &[
    "webpage",
    "itempage",
    "collectionpage",
    "aboutpage",
    "profilepage",
    "qapage",
    "faqpage",
    "videoobject",
];

pub const ORGANISATION_TYPES: &[&str] = &[
    "organization",
    "newsmediaorganization",
    "corporation",
    "localbusiness",
    "ngo",
    "educationalorganization",
    "governmentorganization",
];
