//! The benchmark metrics, defined once for every consumer (our runner, `score`, the `bench/`
//! side-by-side). The definitions follow `../shared/datasets/README.md` word for word; where the
//! README leaves a choice open, the upstream benchmark scripts decide (noted at each item), so
//! our figures are comparable with the published ones.

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

/// Tokens are Unicode `\w+` runs, case kept. The `regex` crate's `\w` is the Unicode (UTS #18)
/// definition: letters, marks, decimal digits, connector punctuation, joiners. Python's `re`
/// differs on combining marks and on `No` digits such as `½`; see the crate README.
static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w+").expect("constant regex"));

/// Shingle length of the scrapinghub benchmark.
pub const SHINGLE: usize = 4;

pub fn tokens(text: &str) -> Vec<&str> {
    WORD.find_iter(text).map(|m| m.as_str()).collect()
}

/// Multiset of `SHINGLE`-token windows. A text of fewer tokens gives one shorter shingle (all
/// its tokens); a text without tokens gives none.
fn shingle_counts<'a>(tokens: &'a [&'a str]) -> HashMap<&'a [&'a str], u64> {
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    if tokens.len() < SHINGLE {
        counts.insert(tokens, 1);
        return counts;
    }
    for w in tokens.windows(SHINGLE) {
        *counts.entry(w).or_insert(0) += 1;
    }
    counts
}

/// One page's shingle match, (tp, fp, fn) scaled to sum 1 so long texts weigh no more than
/// short ones. All zero when neither text has a token.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct ShingleMatch {
    pub tp: f64,
    pub fp: f64,
    #[serde(rename = "fn")]
    pub fn_: f64,
}

pub fn shingle_match(truth: &str, prediction: &str) -> ShingleMatch {
    let t_tokens = tokens(truth);
    let p_tokens = tokens(prediction);
    let truth = shingle_counts(&t_tokens);
    let pred = shingle_counts(&p_tokens);
    let (mut tp, mut fp, mut fn_) = (0u64, 0u64, 0u64);
    for (k, &t) in &truth {
        let p = pred.get(k).copied().unwrap_or(0);
        tp += t.min(p);
        fn_ += t.saturating_sub(p);
    }
    for (k, &p) in &pred {
        fp += p.saturating_sub(truth.get(k).copied().unwrap_or(0));
    }
    let sum = (tp + fp + fn_) as f64;
    if sum == 0.0 {
        return ShingleMatch::default();
    }
    ShingleMatch {
        tp: tp as f64 / sum,
        fp: fp as f64 / sum,
        fn_: fn_ as f64 / sum,
    }
}

impl ShingleMatch {
    /// `None` when the page is left out of the precision mean (tp + fp = 0: empty prediction).
    pub fn precision(&self) -> Option<f64> {
        if self.tp + self.fp <= 0.0 {
            return None;
        }
        Some(if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else {
            self.tp / (self.tp + self.fp)
        })
    }

    /// `None` when the page is left out of the recall mean (tp + fn = 0: empty truth).
    pub fn recall(&self) -> Option<f64> {
        if self.tp + self.fn_ <= 0.0 {
            return None;
        }
        Some(if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else {
            self.tp / (self.tp + self.fn_)
        })
    }

    /// Per-page F1, for ranking pages only (the corpus F1 is taken of the mean P and R).
    /// fp = fn = 0 scores 1, including two empty texts.
    pub fn f1(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            return 1.0;
        }
        2.0 * self.tp / (2.0 * self.tp + self.fp + self.fn_)
    }
}

/// Corpus precision, recall and F1 of the shingle metric.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct MeanPrf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Pages in the precision mean (those with a non-empty prediction).
    pub precision_pages: usize,
    /// Pages in the recall mean (those with a non-empty truth).
    pub recall_pages: usize,
}

/// P = mean page precision over pages with tp + fp > 0, R = mean page recall over pages with
/// tp + fn > 0, F1 = 2PR/(P+R) of the two means. As in the upstream script, a page with no
/// shingle on either side is in neither mean. An empty mean (e.g. every prediction empty) is
/// reported as 0 rather than undefined.
pub fn mean_prf(pages: &[ShingleMatch]) -> MeanPrf {
    let ps: Vec<f64> = pages.iter().filter_map(ShingleMatch::precision).collect();
    let rs: Vec<f64> = pages.iter().filter_map(ShingleMatch::recall).collect();
    let mean = |v: &[f64]| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let (precision, recall) = (mean(&ps), mean(&rs));
    MeanPrf {
        precision,
        recall,
        f1: harmonic(precision, recall),
        precision_pages: ps.len(),
        recall_pages: rs.len(),
    }
}

fn harmonic(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// Folds `\s+` to one space and trims: the snippet metric's and the metadata's "exact after
/// whitespace folding". `char::is_whitespace` is Unicode White_Space, as regex `\s`.
pub fn fold_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Summed counts: snippets over the trafilatura corpus, days over the htmldate set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Confusion {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    /// Counted for completeness; in no formula.
    pub tn: usize,
}

impl Confusion {
    pub fn add(&mut self, o: &Confusion) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
        self.tn += o.tn;
    }

    /// TP/(TP+FP); 0 when nothing was output.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// TP/(TP+FN); 0 when nothing was expected.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// 2TP/(2TP+FP+FN), the harmonic mean of the two above.
    pub fn f1(&self) -> f64 {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// One trafilatura page: which `with` snippets were missed and which `without` ones found.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SnippetMatch {
    pub counts: Confusion,
    pub missed: Vec<String>,
    pub found_bad: Vec<String>,
}

/// Substring test of each snippet in the whitespace-folded output. Snippets are folded the
/// same way (as upstream's `eval_common.norm` does): 115 of them carry a trailing space or an
/// NBSP that would otherwise make them unmatchable by construction. Empty output finds nothing.
pub fn snippet_match(output: &str, with: &[String], without: &[String]) -> SnippetMatch {
    let out = fold_ws(output);
    let found = |s: &String| {
        let s = fold_ws(s);
        !out.is_empty() && !s.is_empty() && out.contains(&s)
    };
    let mut m = SnippetMatch::default();
    for s in with {
        if found(s) {
            m.counts.tp += 1;
        } else {
            m.counts.fn_ += 1;
            m.missed.push(s.clone());
        }
    }
    for s in without {
        if found(s) {
            m.counts.fp += 1;
            m.found_bad.push(s.clone());
        } else {
            m.counts.tn += 1;
        }
    }
    m
}

/// The `YYYY-MM-DD` day at the start of an ISO 8601 date or date-time, if there is one.
pub fn day_prefix(s: &str) -> Option<&str> {
    let s = s.trim();
    let b = s.as_bytes();
    let ok = b.len() >= 10
        && b[..10].iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
        && (b.len() == 10 || !b[10].is_ascii_digit());
    ok.then(|| &s[..10])
}

/// A `Y-M-D` day with 1- or 2-digit month and day, zero-padded (the trafilatura set has one
/// `2022-11-1`). Used by the normalised date columns only.
pub fn normalise_day(s: &str) -> Option<String> {
    let s = s.trim();
    let end = s.find(['T', ' ']).unwrap_or(s.len());
    let mut parts = s[..end].splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let num = |p: &str, max_len: usize| {
        (!p.is_empty() && p.len() <= max_len && p.bytes().all(|c| c.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let (y, m, d) = (num(y, 4)?, num(m, 2)?, num(d, 2)?);
    (y >= 1000 && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// htmldate outcome for one page: TP exact day, FP any other output, FN no output. A page
/// without a reference date (5 `NaN`s in the mediacloud file) is TN without output and FP with
/// one, as in htmldate's own comparison script.
pub fn date_outcome(truth: Option<&str>, published: Option<&str>) -> Confusion {
    let truth = truth.map(str::trim).filter(|t| !t.is_empty());
    let out = published.map(str::trim).filter(|p| !p.is_empty());
    let mut c = Confusion::default();
    match (truth, out) {
        (_, Some(p)) if truth.is_some() && day_prefix(p) == truth => c.tp = 1,
        (_, Some(_)) => c.fp = 1,
        (Some(_), None) => c.fn_ = 1,
        (None, None) => c.tn = 1,
    }
    c
}

/// Case- and punctuation-insensitive form: lower case, every non-alphanumeric character a
/// space, whitespace folded. Invisible format characters (soft hyphens, zero-width spaces and
/// joiners, byte-order marks) are dropped, not spaced: "Genesenen\u{ad}nachweise" is one word
/// on screen.
pub fn normalise_text(s: &str) -> String {
    let mapped: String = s
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}'
            )
        })
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    fold_ws(&mapped)
}

/// Byline words dropped from the front of a name in the normalised comparison.
const BYLINE_PREFIXES: &[&str] = &["by", "von", "par", "por"];

/// Authors as a set of normalised names. Each input string is split at `;`, `,`, `&`, `|`,
/// `/` and the words "and"/"und", so `"A; B"`, `["A", "B"]` and `"By A and B"` are equal.
pub fn name_set<S: AsRef<str>>(names: &[S]) -> BTreeSet<String> {
    static SPLIT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[;,&|/]|\s+(?:and|und)\s+").expect("constant regex"));
    let mut set = BTreeSet::new();
    for n in names {
        for part in SPLIT.split(n.as_ref()) {
            let norm = normalise_text(part);
            let mut words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
            if words.len() > 1 && BYLINE_PREFIXES.contains(&words[0]) {
                words.remove(0);
            }
            if !words.is_empty() {
                set.insert(words.join(" "));
            }
        }
    }
    set
}

/// Timing summary of one dataset run.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Timing {
    /// Timed pages / total time of those pages.
    pub pages_per_s: f64,
    pub total_ms: f64,
    pub median_ms: f64,
    /// Nearest-rank 99th percentile.
    pub p99_ms: f64,
    pub max_ms: f64,
    pub max_id: String,
    pub timed_pages: usize,
}

/// `None` when no page was timed.
pub fn timing<'a>(samples: impl IntoIterator<Item = (&'a str, f64)>) -> Option<Timing> {
    let mut v: Vec<(&str, f64)> = samples.into_iter().collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.1.total_cmp(&b.1));
    let ms: Vec<f64> = v.iter().map(|s| s.1).collect();
    let total: f64 = ms.iter().sum();
    let (max_id, max_ms) = v[v.len() - 1];
    Some(Timing {
        pages_per_s: if total > 0.0 {
            ms.len() as f64 / (total / 1000.0)
        } else {
            0.0
        },
        total_ms: total,
        median_ms: median_sorted(&ms),
        p99_ms: nearest_rank(&ms, 0.99),
        max_ms,
        max_id: max_id.to_owned(),
        timed_pages: ms.len(),
    })
}

/// Median of a sorted, non-empty slice (mean of the middle two for even lengths).
pub fn median_sorted(v: &[f64]) -> f64 {
    let n = v.len();
    if n == 0 {
        return 0.0;
    }
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Nearest-rank percentile of a sorted, non-empty slice: the smallest value with at least `q`
/// of the samples at or below it.
pub fn nearest_rank(v: &[f64], q: f64) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    let rank = (q * v.len() as f64).ceil() as usize;
    v[rank.clamp(1, v.len()) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn tokens_are_unicode_words_case_kept() {
        assert_eq!(
            tokens("Größe, e-mail: don't 42_x!"),
            ["Größe", "e", "mail", "don", "t", "42_x"]
        );
        assert_eq!(tokens("東京で会議"), ["東京で会議"]);
        assert!(tokens(" ... ").is_empty());
    }

    #[test]
    fn identical_texts_score_one() {
        let m = shingle_match("a b c d e", "A b c d e");
        // Case is kept: "A b c d" differs from "a b c d".
        assert!(close(m.tp, 1.0 / 3.0) && close(m.fp, 1.0 / 3.0) && close(m.fn_, 1.0 / 3.0));
        let m = shingle_match("one two three four five", "one, two; three four five!");
        assert_eq!((m.tp, m.fp, m.fn_), (1.0, 0.0, 0.0));
        assert_eq!(
            (m.precision(), m.recall(), m.f1()),
            (Some(1.0), Some(1.0), 1.0)
        );
    }

    #[test]
    fn shingles_are_a_multiset_scaled_to_one() {
        // truth: 5 shingles of "a b c d" repeated? Use a text with a repeated window.
        // truth tokens a b c d a b c d -> windows abcd, bcda, cdab, dabc, abcd (abcd twice)
        // pred tokens a b c d x         -> windows abcd, bcdx
        let m = shingle_match("a b c d a b c d", "a b c d x");
        // tp = min(2,1) = 1; fn = 1 (abcd) + bcda + cdab + dabc = 4; fp = bcdx = 1; sum 6
        assert!(close(m.tp, 1.0 / 6.0) && close(m.fp, 1.0 / 6.0) && close(m.fn_, 4.0 / 6.0));
        assert!(close(m.precision().unwrap_or(-1.0), 0.5));
        assert!(close(m.recall().unwrap_or(-1.0), 0.2));
        assert!(close(m.f1(), 2.0 / 7.0));
    }

    #[test]
    fn short_texts_give_one_shorter_shingle() {
        // Fewer than 4 tokens: the whole token list is the one shingle.
        let m = shingle_match("hello world", "hello world");
        assert_eq!((m.tp, m.fp, m.fn_), (1.0, 0.0, 0.0));
        let m = shingle_match("hello world", "hello there world");
        assert_eq!((m.tp, m.fp, m.fn_), (0.0, 0.5, 0.5));
        // A 3-token prediction against a 4-token truth shares nothing.
        let m = shingle_match("a b c d", "a b c");
        assert_eq!((m.tp, m.fp, m.fn_), (0.0, 0.5, 0.5));
    }

    #[test]
    fn empty_prediction_is_out_of_precision_and_scores_zero_recall() {
        let m = shingle_match("a b c d e", "");
        assert_eq!((m.tp, m.fp, m.fn_), (0.0, 0.0, 1.0));
        assert_eq!(m.precision(), None);
        assert_eq!(m.recall(), Some(0.0));
        assert_eq!(m.f1(), 0.0);
        // Punctuation only is as empty as nothing.
        assert_eq!(shingle_match("a b c d e", " -- ").precision(), None);
    }

    #[test]
    fn empty_truth_is_out_of_recall() {
        let m = shingle_match("", "a b c d");
        assert_eq!((m.precision(), m.recall()), (Some(0.0), None));
    }

    #[test]
    fn both_empty_is_fp_fn_zero_and_in_neither_mean() {
        let m = shingle_match("", "");
        assert_eq!((m.tp, m.fp, m.fn_), (0.0, 0.0, 0.0));
        assert_eq!((m.precision(), m.recall(), m.f1()), (None, None, 1.0));
    }

    #[test]
    fn corpus_means_skip_excluded_pages() {
        let pages = [
            shingle_match("a b c d e", "a b c d e"),       // P 1, R 1
            shingle_match("a b c d a b c d", "a b c d x"), // P .5, R .2
            shingle_match("a b c d e", ""),                // P -, R 0
            shingle_match("", ""),                         // neither
        ];
        let m = mean_prf(&pages);
        assert_eq!((m.precision_pages, m.recall_pages), (2, 3));
        assert!(close(m.precision, 0.75));
        assert!(close(m.recall, 1.2 / 3.0));
        assert!(close(m.f1, 2.0 * 0.75 * 0.4 / (0.75 + 0.4)));
        assert_eq!(mean_prf(&[shingle_match("a", "")]).f1, 0.0);
    }

    #[test]
    fn snippets_sum_and_fold_whitespace() {
        let with = vec![
            "Die GEMA dreht".to_owned(),
            "mein\u{a0}Kleid ".to_owned(),
            "fehlt".to_owned(),
        ];
        let without = vec!["Impressum".to_owned(), "31. Mai".to_owned()];
        let m = snippet_match(
            "Die  GEMA\ndreht durch, mein Kleid \n Impressum",
            &with,
            &without,
        );
        assert_eq!(
            m.counts,
            Confusion {
                tp: 2,
                fp: 1,
                fn_: 1,
                tn: 1
            }
        );
        assert_eq!(m.missed, ["fehlt"]);
        assert_eq!(m.found_bad, ["Impressum"]);
        let none = snippet_match("  ", &with, &without);
        assert_eq!(
            none.counts,
            Confusion {
                tp: 0,
                fp: 0,
                fn_: 3,
                tn: 2
            }
        );
        let mut total = m.counts;
        total.add(&none.counts);
        assert!(close(total.precision(), 2.0 / 3.0));
        assert!(close(total.recall(), 2.0 / 6.0));
        // 2TP / (2TP + FP + FN) = 4 / (4 + 1 + 4)
        assert!(close(total.f1(), 4.0 / 9.0));
        assert_eq!(Confusion::default().f1(), 0.0);
    }

    #[test]
    fn dates() {
        assert_eq!(day_prefix("2020-06-07T10:00:00+02:00"), Some("2020-06-07"));
        assert_eq!(day_prefix("2020-06-07"), Some("2020-06-07"));
        assert_eq!(day_prefix("2020-06"), None);
        assert_eq!(day_prefix("2020-06-071"), None);
        assert_eq!(normalise_day("2022-11-1"), Some("2022-11-01".into()));
        assert_eq!(
            normalise_day("2017-11-03 03:01:00.000000"),
            Some("2017-11-03".into())
        );
        assert_eq!(normalise_day("June 2020"), None);
        let d = |t: Option<&str>, p: Option<&str>| date_outcome(t, p);
        assert_eq!(d(Some("2020-06-07"), Some("2020-06-07T23:59:00Z")).tp, 1);
        assert_eq!(d(Some("2020-06-07"), Some("2020-06-08")).fp, 1);
        assert_eq!(d(Some("2020-06-07"), Some("2020")).fp, 1);
        assert_eq!(d(Some("2020-06-07"), None).fn_, 1);
        assert_eq!(d(Some("2020-06-07"), Some("  ")).fn_, 1);
        assert_eq!(d(None, Some("2020-06-07")).fp, 1);
        assert_eq!(d(None, None).tn, 1);
    }

    #[test]
    fn normalised_text_and_names() {
        assert_eq!(
            normalise_text("Impf- und Genesenen\u{ad}\u{ad}nachweise"),
            normalise_text("Impf- und Genesenennachweise")
        );
        assert_eq!(normalise_text("  The Guardian — UK!"), "the guardian uk");
        assert_eq!(normalise_text("en-US"), normalise_text("en_us"));
        let a = name_set(&["Volkmar Kabisch; Jan Lukas Strozyk"]);
        let b = name_set(&["volkmar kabisch", "Jan-Lukas Strozyk"]);
        assert_eq!(a, b);
        assert_eq!(
            name_set(&["By Nathan Willis"]),
            name_set(&["Nathan Willis"])
        );
        assert_eq!(name_set(&["Alexandre Hervaud, Jérémy Piette"]).len(), 2);
        assert_eq!(name_set(&["Tom and Jerry"]).len(), 2);
        assert!(name_set(&[" ; "]).is_empty());
        // A lone "By" is not dropped to nothing.
        assert_eq!(name_set(&["By"]).len(), 1);
    }

    #[test]
    fn timing_stats() {
        let t = timing([("a", 1.0), ("b", 3.0), ("c", 2.0), ("d", 10.0)]);
        let t = t.expect("samples");
        assert_eq!(t.median_ms, 2.5);
        assert_eq!(t.p99_ms, 10.0);
        assert_eq!((t.max_ms, t.max_id.as_str()), (10.0, "d"));
        assert!(close(t.pages_per_s, 4.0 / 0.016));
        let v: Vec<f64> = (1..=200).map(f64::from).collect();
        assert_eq!(nearest_rank(&v, 0.99), 198.0);
        assert!(timing(std::iter::empty()).is_none());
    }
}
