//! `newsdesk-testdata`: writes WARC test and benchmark files and the syndication set.
//!
//! ```text
//! newsdesk-testdata warc --out bench.warc.gz --responses 5000 --datasets ../shared/datasets
//! newsdesk-testdata warc --out small.warc.gz --responses 100 --fixtures
//! newsdesk-testdata syndication --out target/synd            # synd/set.warc.gz + truth.jsonl
//! newsdesk batch target/synd/set.warc.gz --out target/synd/out.jsonl --dedup
//! newsdesk-testdata score-dedup --truth target/synd/truth.jsonl target/synd/out.jsonl
//! newsdesk-testdata dedup-bench target/synd/out.jsonl          # the dedup stage alone
//! ```

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use newsdesk_eval::datasets::{self, DatasetName, Locations};
use newsdesk_testdata::pack::{self, Page};
use newsdesk_testdata::syndication;
use newsdesk_testdata::warc::WarcWriter;

#[derive(Parser)]
#[command(
    name = "newsdesk-testdata",
    about = "Test and benchmark data for newsdesk batch"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Pack pages into a WARC file (.warc, .warc.gz or .warc.zst; one member per record).
    Warc(WarcArgs),
    /// Write the syndication test set: DIR/set.warc.gz and DIR/truth.jsonl.
    Syndication(SyndicationArgs),
    /// Score the story groups of a `newsdesk batch --dedup` output against the truth.
    ScoreDedup(ScoreArgs),
    /// Time the dedup stage alone (in memory, one core) on the texts of an extracted output.
    DedupBench(BenchArgs),
}

#[derive(clap::Args)]
struct SyndicationArgs {
    #[arg(long)]
    out: PathBuf,
    /// Main stories (each with an original and 2-4 copies).
    #[arg(long, default_value_t = 240)]
    stories: usize,
    #[arg(long, default_value_t = 7)]
    seed: u64,
}

#[derive(clap::Args)]
struct ScoreArgs {
    #[arg(long)]
    truth: PathBuf,
    /// The JSONL output of `newsdesk batch --dedup` (or `newsdesk dedup`).
    output: PathBuf,
    /// Exit with status 1 below this pairwise precision.
    #[arg(long, default_value_t = 0.0)]
    min_precision: f64,
    /// Exit with status 1 below this pairwise recall.
    #[arg(long, default_value_t = 0.0)]
    min_recall: f64,
}

#[derive(clap::Args)]
struct BenchArgs {
    /// Extracted JSONL (the texts to group).
    input: PathBuf,
    /// Timed repetitions.
    #[arg(long, default_value_t = 10)]
    repeat: usize,
}

#[derive(clap::Args)]
struct WarcArgs {
    #[arg(long)]
    out: PathBuf,
    /// HTML responses to write (pages are cycled, each repeat with a new URL).
    #[arg(long, default_value_t = 1000)]
    responses: u64,
    /// Use the project's fixture pages.
    #[arg(long)]
    fixtures: bool,
    /// Use the shared evaluation datasets' pages, read from this directory at run time.
    #[arg(long, value_name = "DIR")]
    datasets: Option<PathBuf>,
    /// Use every .html file under these directories.
    #[arg(long, value_name = "DIR")]
    html: Vec<PathBuf>,
    /// A request record before every N-th response (0: none).
    #[arg(long, default_value_t = 10)]
    request_every: u64,
    /// A non-HTML response (image, 404, redirect, robots.txt) after every N-th page (0: none).
    #[arg(long, default_value_t = 25)]
    noise_every: u64,
}

fn dataset_pages(dir: &std::path::Path) -> Result<Vec<Page>> {
    let root = newsdesk_eval::workspace_root();
    let loc = Locations {
        datasets: dir.to_path_buf(),
        unpacked: root.join("target/datasets"),
    };
    let mut pages = Vec::new();
    for name in DatasetName::ALL {
        let ds = datasets::load(name, &loc)?;
        for p in ds.pages {
            let body = std::fs::read(&p.path).with_context(|| p.path.display().to_string())?;
            let url = p
                .url
                .unwrap_or_else(|| format!("https://{}.example/{}", name.as_str(), p.id));
            pages.push(Page {
                url,
                body,
                content_type: None,
            });
        }
    }
    Ok(pages)
}

fn warc(args: WarcArgs) -> Result<()> {
    let mut pages = Vec::new();
    if args.fixtures {
        pages.extend(pack::fixture_pages()?);
    }
    if let Some(dir) = &args.datasets {
        pages.extend(dataset_pages(dir)?);
    }
    for dir in &args.html {
        pages.extend(pack::html_dir_pages(dir)?);
    }
    if pages.is_empty() {
        bail!("no pages: give --fixtures, --datasets DIR or --html DIR");
    }
    // A fixed shuffle, so any prefix (a 1k file beside a 5k one) holds the same mix of sites.
    let mut keyed: Vec<(u64, Page)> = pages
        .into_iter()
        .map(|p| {
            (
                newsdesk_testdata::warc::splitmix(newsdesk_eval::fnv1a64(&p.url)),
                p,
            )
        })
        .collect();
    keyed.sort_by_key(|(k, _)| *k);
    let mut pages: Vec<Page> = keyed.into_iter().map(|(_, p)| p).collect();
    // Pages whose bytes are not UTF-8 are served as the bytes they are, without a charset.
    for p in &mut pages {
        if std::str::from_utf8(&p.body).is_err() {
            p.content_type = Some("text/html".into());
        }
    }
    let mut out = WarcWriter::create(&args.out)?;
    let packed = pack::pack(
        &mut out,
        &pages,
        args.responses,
        args.request_every,
        args.noise_every,
    )?;
    out.finish()?;
    eprintln!(
        "{}: {} records ({} HTML pages from {} distinct, {} requests, {} non-HTML responses, 1 warcinfo)",
        args.out.display(),
        packed.records,
        packed.pages,
        pages.len(),
        packed.requests,
        packed.non_html
    );
    Ok(())
}

fn syndication(args: SyndicationArgs) -> Result<()> {
    std::fs::create_dir_all(&args.out)?;
    let pages = syndication::build(args.stories, args.seed);
    let warc = args.out.join("set.warc.gz");
    newsdesk_testdata::write_set_warc(&warc, &pages)?;
    let mut truth = String::new();
    for p in &pages {
        truth.push_str(&serde_json::to_string(&p.truth)?);
        truth.push('\n');
    }
    std::fs::write(args.out.join("truth.jsonl"), truth)?;
    let stories = pages
        .iter()
        .map(|p| p.truth.story)
        .max()
        .map_or(0, |m| m + 1);
    let multi = pages
        .iter()
        .filter(|p| p.truth.kind == syndication::Kind::Original)
        .count();
    eprintln!(
        "{}: {} pages, {stories} stories ({multi} with an original and 2-4 copies, {} follow-ups and singles)",
        warc.display(),
        pages.len(),
        stories as usize - multi
    );
    Ok(())
}

fn read_jsonl(path: &std::path::Path) -> Result<Vec<serde_json::Value>> {
    std::fs::read_to_string(path)
        .with_context(|| path.display().to_string())?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| Ok(serde_json::from_str(l)?))
        .collect()
}

fn score_dedup(args: ScoreArgs) -> Result<std::process::ExitCode> {
    let truth: Vec<syndication::Truth> = read_jsonl(&args.truth)?
        .into_iter()
        .map(serde_json::from_value)
        .collect::<Result<_, _>>()?;
    let rows = read_jsonl(&args.output)?;
    let url_of: std::collections::HashMap<String, String> = rows
        .iter()
        .filter_map(|r| Some((r["id"].as_str()?.to_owned(), r["url"].as_str()?.to_owned())))
        .collect();
    let mut predicted = Vec::new();
    for r in &rows {
        let (Some(url), Some(story)) = (r["url"].as_str(), r["story"].as_u64()) else {
            bail!(
                "{}: rows without url or story; run batch with --dedup",
                args.output.display()
            );
        };
        let original = r["original"]
            .as_str()
            .and_then(|o| url_of.get(o))
            .cloned()
            .unwrap_or_default();
        predicted.push((url.to_owned(), story, original));
    }
    let s = syndication::score(&truth, &predicted);
    let f1 = 2.0 * s.precision * s.recall / (s.precision + s.recall).max(1e-12);
    println!(
        "pages {}  true pairs {}  predicted pairs {}  correct {}\npairwise precision {:.4}  recall {:.4}  F1 {:.4}\noriginal chosen right in {}/{} multi-page stories ({:.1}%)",
        s.pages,
        s.true_pairs,
        s.predicted_pairs,
        s.correct_pairs,
        s.precision,
        s.recall,
        f1,
        s.originals_right,
        s.originals,
        100.0 * s.originals_right as f64 / s.originals.max(1) as f64
    );
    if s.pages != truth.len() {
        eprintln!(
            "note: {} of {} truth pages are in the output",
            s.pages,
            truth.len()
        );
    }
    Ok(
        if s.precision < args.min_precision || s.recall < args.min_recall {
            std::process::ExitCode::from(1)
        } else {
            std::process::ExitCode::SUCCESS
        },
    )
}

fn dedup_bench(args: BenchArgs) -> Result<()> {
    use newsdesk_dedup::{Deduper, Doc, Params, minhash};
    let rows = read_jsonl(&args.input)?;
    let s = |r: &serde_json::Value, k: &str| r[k].as_str().map(str::to_owned);
    struct Owned {
        text: String,
        url: Option<String>,
        canonical: Option<String>,
        site: Option<String>,
        published: Option<String>,
        syndication: Option<String>,
    }
    let docs: Vec<Owned> = rows
        .iter()
        .map(|r| Owned {
            text: s(r, "text").unwrap_or_default(),
            url: s(r, "url"),
            canonical: s(r, "canonical_url"),
            site: s(r, "site_name"),
            published: s(r, "published"),
            syndication: s(r, "syndication_source"),
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut best = f64::MAX;
    let mut best_group = f64::MAX;
    let mut stories = 0;
    for _ in 0..args.repeat.max(1) {
        let t = std::time::Instant::now();
        let mut d = Deduper::new(Params::default());
        for o in &docs {
            d.add(&Doc {
                text: &o.text,
                url: o.url.as_deref(),
                canonical_url: o.canonical.as_deref(),
                site_name: o.site.as_deref(),
                published: o.published.as_deref(),
                syndication_source: o.syndication.as_deref(),
                credit_organisations: Vec::new(),
            });
        }
        let signed = t.elapsed().as_secs_f64();
        let g = d.finish();
        best = best.min(t.elapsed().as_secs_f64());
        best_group = best_group.min(t.elapsed().as_secs_f64() - signed);
        stories = g.iter().map(|a| a.story + 1).max().unwrap_or(0);
    }
    println!(
        "dedup stage: {} documents ({:.1} KB of text each), {stories} stories; best of {}: {:.1} ms (grouping {:.1} ms) = {:.0} documents/s on one core",
        docs.len(),
        bytes as f64 / docs.len().max(1) as f64 / 1024.0,
        args.repeat,
        best * 1e3,
        best_group * 1e3,
        docs.len() as f64 / best
    );
    // The alternative: classic MinHash, 128 hash functions per shingle (a*x+b per function).
    let (mut words, mut shingles) = (Vec::new(), Vec::new());
    let t = std::time::Instant::now();
    let mut sink = 0u64;
    for o in &docs {
        minhash::word_hashes(&o.text, &mut words);
        minhash::shingle_hashes(&words, 5, &mut shingles);
        let mut sig = [u64::MAX; 128];
        for &h in &shingles {
            for (i, m) in sig.iter_mut().enumerate() {
                let v = h
                    .wrapping_mul(0x9e37_79b9_7f4a_7c15 ^ ((i as u64) << 1 | 1))
                    .wrapping_add(i as u64);
                *m = (*m).min(v);
            }
        }
        sink ^= sig[0];
    }
    let classic = t.elapsed().as_secs_f64();
    let t = std::time::Instant::now();
    for o in &docs {
        minhash::word_hashes(&o.text, &mut words);
        minhash::shingle_hashes(&words, 5, &mut shingles);
        let mut sig = [0u32; 128];
        minhash::signature(&shingles, &mut sig);
        sink ^= u64::from(sig[0]);
    }
    let oph = t.elapsed().as_secs_f64();
    println!(
        "signatures only: one-permutation {:.0} documents/s, classic 128-function MinHash {:.0} documents/s ({sink:x})",
        docs.len() as f64 / oph,
        docs.len() as f64 / classic
    );
    Ok(())
}

fn main() -> Result<std::process::ExitCode> {
    match Cli::parse().command {
        Command::Warc(a) => warc(a)?,
        Command::Syndication(a) => syndication(a)?,
        Command::ScoreDedup(a) => return score_dedup(a),
        Command::DedupBench(a) => dedup_bench(a)?,
    }
    Ok(std::process::ExitCode::SUCCESS)
}
