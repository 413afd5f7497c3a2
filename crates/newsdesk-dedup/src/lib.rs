//! Story grouping for a news corpus: which records are the same story, and which of them is
//! the original.
//!
//! ```
//! use newsdesk_dedup::{Deduper, Doc, Params};
//! let story = "The river rose two metres overnight and the old dam held, the mayor said, \
//!              while crews worked through the night to clear the drains in the lower town.";
//! let mut d = Deduper::new(Params::default());
//! d.add(&Doc { text: story, url: Some("https://wire.example/a"), ..Doc::default() });
//! d.add(&Doc { text: &format!("{story} Local schools stay closed."), ..Doc::default() });
//! d.add(&Doc { text: "A different story about a bakery that won a prize for its rye bread.", ..Doc::default() });
//! let groups = d.finish();
//! assert_eq!(groups[0].story, groups[1].story);
//! assert_ne!(groups[0].story, groups[2].story);
//! assert_eq!(groups[1].original, 0);
//! ```
//!
//! 1. **Exact duplicates**: the same words in the same order (case, punctuation and spacing
//!    aside) hash the same ([`minhash::sequence_hash`]); they join without further checks.
//! 2. **Near duplicates**: 5-word shingles of the body, a 128-bin MinHash signature
//!    ([`minhash`]), banded LSH (42 bands of 3 rows) for candidates, and a check of each
//!    candidate pair on the full signature: the pair joins if the estimated Jaccard similarity
//!    is high, or if one text is mostly *contained* in the other (a trimmed copy, or one with
//!    paragraphs added). Groups are the connected components (union-find).
//! 3. **The original** of each group is chosen by evidence, strongest first: other copies name
//!    its URL as their canonical URL; other copies credit its site as their source (wire
//!    credit or syndication line); it credits nobody itself; it was published first; it came
//!    first in the input.
//!
//! # Why our own MinHash
//!
//! The work per document is one pass over the text plus one hash per shingle: 128 bins of
//! one-permutation hashing cost the same as 1 bin. Classic MinHash (`gaoya`'s approach, one
//! hash function per slot) costs 128 hashes per shingle. On 1,000 real articles (5.3 KB of
//! text each), one core: this crate's whole stage (signatures, LSH, groups, originals) runs at
//! about 35,000 documents/s; gaoya 0.2's signing and index at 13,700; a classic 128-function
//! MinHash signature alone at 6,100 (figures and commands in `docs/batch.md`). And it needs no
//! dependency.

pub mod minhash;

use std::collections::HashMap;

/// Tuning. The defaults are the ones measured on the syndication set (`docs/batch.md`).
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    /// Words per shingle.
    pub shingle: usize,
    /// LSH bands; `bands * rows` is the signature length (a power of two).
    pub bands: usize,
    pub rows: usize,
    /// A candidate pair joins when its estimated Jaccard similarity reaches this...
    pub jaccard: f64,
    /// ...or when the smaller text is this much contained in the larger one...
    pub containment: f64,
    /// ...and the Jaccard similarity is at least this (so a few shared lines never suffice).
    pub min_jaccard: f64,
    /// Texts with fewer shingles only join as exact duplicates: a few words prove nothing.
    pub min_shingles: usize,
    /// Members of one LSH bucket compared with each other, at most (guards against huge
    /// buckets of boilerplate).
    pub max_bucket: usize,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            shingle: 5,
            bands: 42,
            rows: 3,
            jaccard: 0.5,
            containment: 0.8,
            min_jaccard: 0.2,
            min_shingles: 15,
            max_bucket: 64,
        }
    }
}

/// The facts about one record that dedup uses.
#[derive(Clone, Debug, Default)]
pub struct Doc<'a> {
    pub text: &'a str,
    pub url: Option<&'a str>,
    pub canonical_url: Option<&'a str>,
    pub site_name: Option<&'a str>,
    /// ISO 8601 date or date-time.
    pub published: Option<&'a str>,
    /// The wire or outlet the page says the story is from.
    pub syndication_source: Option<&'a str>,
    /// Organisations named in credit lines ("The Associated Press contributed ...").
    pub credit_organisations: Vec<&'a str>,
}

/// How a record relates to its story's original.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Duplicate {
    /// The same words in the same order.
    Exact,
    /// Similar enough by MinHash (a syndicated copy, trimmed, extended or edited).
    Near,
}

impl Duplicate {
    pub fn as_str(self) -> &'static str {
        match self {
            Duplicate::Exact => "exact",
            Duplicate::Near => "near",
        }
    }
}

/// Which evidence chose a story's original.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// The story has one record.
    Single,
    /// Other copies give its URL as their canonical URL.
    CanonicalUrl,
    /// Other copies credit its site.
    Credit,
    /// It credits no other source, the others do.
    NotSyndicated,
    /// It was published first.
    EarliestPublished,
    /// Nothing else told them apart: the first in the input.
    FirstSeen,
}

impl Evidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::Single => "single",
            Evidence::CanonicalUrl => "canonical-url",
            Evidence::Credit => "credit",
            Evidence::NotSyndicated => "not-syndicated",
            Evidence::EarliestPublished => "earliest-published",
            Evidence::FirstSeen => "first-seen",
        }
    }
}

/// The verdict for one record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Assignment {
    /// Story number: 0, 1, 2, ... in order of each story's first record.
    pub story: u64,
    /// Index (in `add` order) of the story's original.
    pub original: usize,
    /// `None` for the original itself.
    pub duplicate: Option<Duplicate>,
    /// Why the original was chosen.
    pub evidence: Evidence,
}

#[derive(Default)]
struct Facts {
    url: Option<String>,
    canonical: Option<String>,
    site: Vec<String>,
    credits: Vec<String>,
    published: Option<i64>,
}

/// Collects documents, then groups them ([`Deduper::finish`]). Memory per document: the
/// signature (512 bytes) and its evidence (a few short strings).
pub struct Deduper {
    params: Params,
    bins: usize,
    sigs: Vec<u32>,
    shingles: Vec<u32>,
    signed: Vec<bool>,
    exact_of: Vec<Option<u32>>,
    exact: Vec<Option<u64>>,
    first_by_hash: HashMap<u64, u32>,
    facts: Vec<Facts>,
    words: Vec<u64>,
    shingle_buf: Vec<u64>,
}

impl Deduper {
    pub fn new(params: Params) -> Deduper {
        let bins = (params.bands * params.rows).next_power_of_two().max(1);
        Deduper {
            params,
            bins,
            sigs: Vec::new(),
            shingles: Vec::new(),
            signed: Vec::new(),
            exact_of: Vec::new(),
            exact: Vec::new(),
            first_by_hash: HashMap::new(),
            facts: Vec::new(),
            words: Vec::new(),
            shingle_buf: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.facts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }

    /// Adds a document; returns its index.
    pub fn add(&mut self, doc: &Doc) -> usize {
        let index = self.facts.len();
        minhash::word_hashes(doc.text, &mut self.words);
        let exact = (!self.words.is_empty()).then(|| minhash::sequence_hash(&self.words));
        let exact_of = exact.and_then(|h| {
            let first = *self.first_by_hash.entry(h).or_insert(index as u32);
            (first != index as u32).then_some(first)
        });
        self.exact_of.push(exact_of);
        self.exact.push(exact);
        let start = self.sigs.len();
        self.sigs.resize(start + self.bins, u32::MAX);
        let mut signed = false;
        if exact_of.is_none() {
            minhash::shingle_hashes(&self.words, self.params.shingle, &mut self.shingle_buf);
            if self.shingle_buf.len() >= self.params.min_shingles {
                signed = minhash::signature(&self.shingle_buf, &mut self.sigs[start..]);
            }
        }
        self.signed.push(signed);
        self.shingles
            .push(u32::try_from(self.shingle_buf.len()).unwrap_or(u32::MAX));
        self.facts.push(facts_of(doc));
        index
    }

    fn sig(&self, i: usize) -> &[u32] {
        &self.sigs[i * self.bins..(i + 1) * self.bins]
    }

    /// Whether two signed documents are the same story.
    fn similar(&self, a: usize, b: usize) -> bool {
        let p = &self.params;
        let j = minhash::similarity(self.sig(a), self.sig(b));
        if j >= p.jaccard {
            return true;
        }
        if j < p.min_jaccard {
            return false;
        }
        // |A ∩ B| = J (|A| + |B|) / (1 + J); containment of the smaller set.
        let (na, nb) = (f64::from(self.shingles[a]), f64::from(self.shingles[b]));
        let inter = j * (na + nb) / (1.0 + j);
        inter / na.min(nb).max(1.0) >= p.containment
    }

    /// Groups the documents and picks each group's original.
    pub fn finish(self) -> Vec<Assignment> {
        let n = self.facts.len();
        let mut uf = UnionFind::new(n);
        for (i, e) in self.exact_of.iter().enumerate() {
            if let Some(first) = e {
                uf.union(i, *first as usize);
            }
        }
        // LSH: (band key, doc) pairs, sorted, give the buckets.
        let (bands, rows) = (self.params.bands, self.params.rows);
        let mut keys: Vec<(u64, u32)> = Vec::with_capacity(n * bands);
        for i in (0..n).filter(|&i| self.signed[i]) {
            let sig = self.sig(i);
            for b in 0..bands {
                let mut h = (b as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
                for &v in &sig[b * rows..(b + 1) * rows] {
                    h = (h.rotate_left(21) ^ u64::from(v)).wrapping_mul(0xff51_afd7_ed55_8ccd);
                }
                keys.push((minhash::mix(h), i as u32));
            }
        }
        keys.sort_unstable();
        let mut start = 0;
        while start < keys.len() {
            let mut end = start + 1;
            while end < keys.len() && keys[end].0 == keys[start].0 {
                end += 1;
            }
            let bucket = &keys[start..end.min(start + self.params.max_bucket)];
            for (x, &(_, a)) in bucket.iter().enumerate() {
                for &(_, b) in &bucket[..x] {
                    let (a, b) = (a as usize, b as usize);
                    if uf.find(a) != uf.find(b) && self.similar(a, b) {
                        uf.union(a, b);
                    }
                }
            }
            start = end;
        }

        // Groups in order of their first member.
        let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
        for i in 0..n {
            members.entry(uf.find(i)).or_default().push(i);
        }
        let mut out = vec![
            Assignment {
                story: 0,
                original: 0,
                duplicate: None,
                evidence: Evidence::Single,
            };
            n
        ];
        let mut story = 0u64;
        let mut seen = vec![false; n];
        for i in 0..n {
            let root = uf.find(i);
            if seen[root] {
                continue;
            }
            seen[root] = true;
            let group = &members[&root];
            let (original, evidence) = choose_original(group, &self.facts);
            for &m in group {
                let duplicate = (m != original).then(|| {
                    if self.exact[m].is_some() && self.exact[m] == self.exact[original] {
                        Duplicate::Exact
                    } else {
                        Duplicate::Near
                    }
                });
                out[m] = Assignment {
                    story,
                    original,
                    duplicate,
                    evidence,
                };
            }
            story += 1;
        }
        out
    }
}

/// Ranks a group's members by evidence; returns the best and the criterion that set it apart
/// from the runner-up.
fn choose_original(group: &[usize], facts: &[Facts]) -> (usize, Evidence) {
    if group.len() == 1 {
        return (group[0], Evidence::Single);
    }
    // (canonical votes, credit votes, credits nobody, -published) per member; higher wins.
    let key = |m: usize| {
        let f = &facts[m];
        let canonical_votes = f.url.as_ref().map_or(0, |u| {
            group
                .iter()
                .filter(|&&o| o != m && facts[o].canonical.as_ref() == Some(u))
                .count()
        });
        let credit_votes = group
            .iter()
            .filter(|&&o| {
                o != m
                    && facts[o]
                        .credits
                        .iter()
                        .any(|c| f.site.iter().any(|s| s == c))
            })
            .count();
        let independent = usize::from(f.credits.is_empty());
        let published = f.published.map_or(i64::MIN, |p| -p);
        (canonical_votes, credit_votes, independent, published)
    };
    let mut ranked: Vec<(usize, (usize, usize, usize, i64))> =
        group.iter().map(|&m| (m, key(m))).collect();
    // Best first; ties go to the earlier record.
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let (best, k) = ranked[0];
    let (_, r) = ranked[1];
    let evidence = if k.0 != r.0 {
        Evidence::CanonicalUrl
    } else if k.1 != r.1 {
        Evidence::Credit
    } else if k.2 != r.2 {
        Evidence::NotSyndicated
    } else if k.3 != r.3 {
        Evidence::EarliestPublished
    } else {
        Evidence::FirstSeen
    };
    (best, evidence)
}

fn facts_of(doc: &Doc) -> Facts {
    let mut site = Vec::new();
    if let Some(s) = doc.site_name {
        push_name(&mut site, s);
    }
    let url = doc.url.and_then(url_key);
    if let Some(u) = &url {
        let host = u.split('/').next().unwrap_or("");
        // "meridianwire.example" also answers to "meridianwire".
        if let Some(label) = host.split('.').next() {
            push_name(&mut site, label);
        }
    }
    let mut credits = Vec::new();
    for c in doc
        .syndication_source
        .into_iter()
        .chain(doc.credit_organisations.iter().copied())
    {
        push_name(&mut credits, c);
    }
    Facts {
        url,
        canonical: doc.canonical_url.and_then(url_key),
        site,
        credits,
        published: doc.published.and_then(parse_minutes),
    }
}

/// A name reduced to lowercase letters and digits ("The Meridian Wire" → "meridianwire"),
/// without a leading "the".
fn push_name(out: &mut Vec<String>, name: &str) {
    let lower = name.trim().to_lowercase();
    let lower = lower.strip_prefix("the ").unwrap_or(&lower);
    let key: String = lower.chars().filter(|c| c.is_alphanumeric()).collect();
    if !key.is_empty() && !out.contains(&key) {
        out.push(key);
    }
}

/// A URL reduced for comparison: host without `www.`, path without trailing slash; scheme,
/// query and fragment dropped.
pub fn url_key(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://").map_or(url.trim(), |(_, r)| r);
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    if host.is_empty() {
        return None;
    }
    Some(format!("{host}/{}", path.trim_end_matches('/')))
}

/// Minutes since 1970 of an ISO 8601 date (`YYYY-MM-DD`) or date-time with optional offset.
pub fn parse_minutes(s: &str) -> Option<i64> {
    let s = s.trim();
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if s.as_bytes().get(4) != Some(&b'-') || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let mut minutes = days_from_civil(y, m, d) * 1440;
    if matches!(s.as_bytes().get(10), Some(b'T' | b' ')) {
        minutes += num(11..13).unwrap_or(0) * 60 + num(14..16).unwrap_or(0);
        let tail = &s[s.len().min(16)..];
        if let Some(i) = tail.rfind(['+', '-']) {
            let off = &tail[i..];
            let sign = if off.starts_with('-') { -1 } else { 1 };
            let digits: String = off.chars().filter(char::is_ascii_digit).collect();
            if digits.len() >= 4 {
                let h: i64 = digits[..2].parse().ok()?;
                let mm: i64 = digits[2..4].parse().ok()?;
                minutes -= sign * (h * 60 + mm);
            }
        }
    }
    Some(minutes)
}

/// `YYYY-MM-DD` of a day counted from 1970-01-01: the inverse of the day part of
/// [`parse_minutes`], so callers that sort by those minutes can print the day back.
pub fn civil_day(days: i64) -> String {
    // Howard Hinnant's civil-from-days algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n as u32).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] as usize != x {
            let p = self.parent[x] as usize;
            self.parent[x] = self.parent[p];
            x = p;
        }
        x
    }

    /// Joins two sets; the smaller index becomes the root, so roots are deterministic.
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo as u32;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(seed: usize, n: usize) -> String {
        (0..n)
            .map(|i| format!("word{}x{}", (seed * 7919 + i * 104_729) % 100_003, i % 7))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn groups_copies_and_keeps_stories_apart() {
        let a = para(1, 300);
        let trimmed: String = a.split(' ').take(200).collect::<Vec<_>>().join(" ");
        let extended = format!("{} {}", para(9, 60), a);
        let other = para(2, 300);
        let mut d = Deduper::new(Params::default());
        d.add(&Doc {
            text: &trimmed,
            url: Some("https://paper.example/x"),
            canonical_url: Some("https://www.wire.example/story/"),
            published: Some("2024-03-07T12:00:00Z"),
            ..Doc::default()
        });
        d.add(&Doc {
            text: &a,
            url: Some("https://wire.example/story"),
            published: Some("2024-03-07T10:00:00+01:00"),
            ..Doc::default()
        });
        d.add(&Doc {
            text: &extended,
            ..Doc::default()
        });
        d.add(&Doc {
            text: &other,
            ..Doc::default()
        });
        d.add(&Doc {
            text: &a.to_uppercase(),
            ..Doc::default()
        });
        let g = d.finish();
        assert_eq!(g[0].story, 0);
        assert!(g[..3].iter().all(|x| x.story == 0), "{g:?}");
        assert_eq!(g[4].story, 0);
        assert_eq!(g[3].story, 1);
        assert_eq!(g[0].original, 1);
        assert_eq!(g[0].evidence, Evidence::CanonicalUrl);
        assert_eq!(g[1].duplicate, None);
        assert_eq!(g[4].duplicate, Some(Duplicate::Exact));
        assert_eq!(g[2].duplicate, Some(Duplicate::Near));
        assert_eq!(g[3].evidence, Evidence::Single);
    }

    #[test]
    fn credit_and_dates_choose_the_original() {
        let a = para(3, 200);
        let mut d = Deduper::new(Params::default());
        d.add(&Doc {
            text: &a,
            syndication_source: Some("The Meridian Wire"),
            published: Some("2024-03-07"),
            ..Doc::default()
        });
        d.add(&Doc {
            text: &a,
            url: Some("https://meridianwire.example/a"),
            site_name: Some("Meridian Wire"),
            published: Some("2024-03-08"),
            ..Doc::default()
        });
        let g = d.finish();
        assert_eq!(g[0].original, 1);
        assert_eq!(g[0].evidence, Evidence::Credit);
    }

    #[test]
    fn dates_parse() {
        assert_eq!(parse_minutes("1970-01-02"), Some(1440));
        assert_eq!(parse_minutes("1970-01-01T01:30:00+01:00"), Some(30));
        assert_eq!(parse_minutes("1970-01-01T00:30Z"), Some(30));
        assert_eq!(parse_minutes("yesterday"), None);
        assert_eq!(
            url_key("HTTPS://WWW.Wire.example/a/b/?x=1#c").as_deref(),
            Some("wire.example/a/b")
        );
    }
}
