//! `newsdesk-eval`: runs newsdesk over the evaluation datasets and reports quality and speed;
//! `list` and `score` let other extractors be scored with the same metrics.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};
use newsdesk::Mode;
use newsdesk_eval::datasets::{self, Dataset, DatasetName, Locations};
use newsdesk_eval::report::{self, DatasetReport, Report};
use newsdesk_eval::runner::{self, Prediction, RunConfig};
use newsdesk_eval::score::{self, PageScore, Provided};
use newsdesk_eval::{default_datasets_dir, metrics, peer, workspace_root};

/// mimalloc: allocation-heavy parsing runs measurably faster than with the system allocator
/// (docs/benchmarks.md); the library itself leaves the choice to the embedding program.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "newsdesk-eval",
    version,
    about = "Measure newsdesk (or another extractor's output) on the annotated datasets",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    /// The shared datasets directory. Default: $NEWSDESK_DATASETS, else ../shared/datasets
    /// beside the workspace root.
    #[arg(long, global = true, value_name = "DIR")]
    datasets: Option<PathBuf>,
    /// Where the archived datasets are unpacked on demand. Default: target/datasets.
    #[arg(long, global = true, value_name = "DIR")]
    unpacked: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    run: RunArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Print the pages of a dataset as JSONL {"id", "path", "url"} in a fixed order.
    List(ListArgs),
    /// Score a JSONL predictions file with the same metrics as a newsdesk run.
    Score(ScoreArgs),
}

#[derive(Args)]
struct RunArgs {
    /// Datasets to run, comma-separated: scrapinghub, readability, trafilatura, htmldate.
    /// Default: all, or with --check the datasets its floors name.
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    dataset: Vec<String>,
    /// Timed passes over each dataset; a page's time is its median over the passes.
    #[arg(long, default_value_t = 1, value_name = "N")]
    passes: usize,
    /// Run one untimed warm-up pass before the timed ones.
    #[arg(long)]
    warmup: bool,
    /// Warm up on the first N pages only (implies --warmup).
    #[arg(long, value_name = "N")]
    warmup_pages: Option<usize>,
    /// Time pages by wall clock (default) or by the thread's CPU time, which holds up when
    /// other work shares the machine.
    #[arg(long, value_enum, default_value = "wall")]
    clock: ClockArg,
    /// Decode every page to UTF-8 before timing (newsdesk's decoder, as `list --decoded`
    /// does for the peers), so all extractors are timed on the same decoded input.
    #[arg(long)]
    decoded: bool,
    /// Where to write the JSON report. Default: target/eval/results.json.
    #[arg(long, value_name = "PATH")]
    json: Option<PathBuf>,
    /// Write each page's predicted text (and the reference text) under DIR/<dataset>/.
    #[arg(long, value_name = "DIR")]
    dump: Option<PathBuf>,
    /// Run only pages whose id contains SUBSTR.
    #[arg(long, value_name = "SUBSTR")]
    filter: Option<String>,
    #[arg(long, value_enum, default_value = "balanced")]
    mode: ModeArg,
    /// Quality gate: exit 1 naming each metric below its floor in this JSON file.
    #[arg(long, value_name = "FLOORS")]
    check: Option<PathBuf>,
    /// Also write the tables as a Markdown page (e.g. docs/evaluation.md), with the command,
    /// the date and the machine.
    #[arg(long, value_name = "PATH")]
    markdown: Option<PathBuf>,
}

#[derive(Args)]
struct ListArgs {
    #[arg(long, value_name = "NAME")]
    dataset: String,
    /// Also write each page decoded to UTF-8 (by newsdesk's decoder) into DIR and add
    /// "decoded" and "encoding" to each line.
    #[arg(long, value_name = "DIR")]
    decoded: Option<PathBuf>,
}

#[derive(Args)]
struct ScoreArgs {
    #[arg(long, value_name = "NAME")]
    dataset: String,
    /// JSONL, one {"id", "text", optional "title", "author", "date", "site_name",
    /// "language", "ms", "error"} per page; missing ids count as empty output.
    #[arg(long, value_name = "FILE.jsonl")]
    predictions: PathBuf,
    /// Also write the JSON report (summary and per-page scores) here.
    #[arg(long, value_name = "OUT")]
    json: Option<PathBuf>,
    /// Score only pages whose id contains SUBSTR.
    #[arg(long, value_name = "SUBSTR")]
    filter: Option<String>,
    /// Score only the pages the predictions file has a line for (for partial runs such as the
    /// benchmark's --quick); by default a missing page counts as empty output.
    #[arg(long)]
    only_predicted: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ClockArg {
    Wall,
    Cpu,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ModeArg {
    Precision,
    Balanced,
    Recall,
}

impl From<ModeArg> for Mode {
    fn from(m: ModeArg) -> Mode {
        match m {
            ModeArg::Precision => Mode::Precision,
            ModeArg::Balanced => Mode::Balanced,
            ModeArg::Recall => Mode::Recall,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match dispatch(&cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("newsdesk-eval: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn dispatch(cli: &Cli) -> Result<ExitCode> {
    let root = workspace_root();
    let datasets = cli
        .datasets
        .clone()
        .or_else(|| {
            std::env::var_os("NEWSDESK_DATASETS")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(|| default_datasets_dir(&root));
    if !datasets.is_dir() {
        bail!(
            "no datasets directory at {}; pass --datasets DIR or set NEWSDESK_DATASETS",
            datasets.display()
        );
    }
    let loc = Locations {
        datasets,
        unpacked: cli
            .unpacked
            .clone()
            .unwrap_or_else(|| root.join("target/datasets")),
    };
    match &cli.command {
        Some(Command::List(a)) => list(&loc, a),
        Some(Command::Score(a)) => score_file(&loc, a),
        None => run(&loc, &root, &cli.run),
    }
}

fn load(name: &str, loc: &Locations, filter: Option<&str>) -> Result<Dataset> {
    let name: DatasetName = name.parse().map_err(anyhow::Error::msg)?;
    let mut ds = datasets::load(name, loc)?;
    if let Some(f) = filter {
        ds.pages.retain(|p| p.id.contains(f));
    }
    Ok(ds)
}

fn list(loc: &Locations, a: &ListArgs) -> Result<ExitCode> {
    let ds = load(&a.dataset, loc, None)?;
    for n in &ds.notes {
        eprintln!("newsdesk-eval: {}: {n}", ds.name);
    }
    let stdout = std::io::stdout().lock();
    peer::list(&ds, a.decoded.as_deref(), std::io::BufWriter::new(stdout))?;
    Ok(ExitCode::SUCCESS)
}

fn score_file(loc: &Locations, a: &ScoreArgs) -> Result<ExitCode> {
    let mut ds = load(&a.dataset, loc, a.filter.as_deref())?;
    let mut preds = peer::read_predictions(&a.predictions)?;
    if a.only_predicted {
        ds.pages.retain(|p| preds.by_id.contains_key(&p.id));
    }
    let mut missing = 0;
    let scores: Vec<PageScore> = ds
        .pages
        .iter()
        .map(|p| {
            let pred = preds.by_id.remove(&p.id).unwrap_or_else(|| {
                missing += 1;
                Prediction::default()
            });
            score::score_page(p, &pred, &preds.provided)
        })
        .collect();
    let timing = metrics::timing(scores.iter().filter_map(|s| Some((s.id.as_str(), s.ms?))));
    let mut summary = score::summarise(&ds, &scores, &preds.provided, timing);
    summary.missing = missing;
    summary.notes.extend(preds.notes);
    if !preds.by_id.is_empty() && a.filter.is_none() {
        let mut unknown: Vec<&String> = preds.by_id.keys().collect();
        unknown.sort();
        summary.notes.push(format!(
            "{} prediction ids are not in the dataset and were ignored, e.g. {:?}",
            unknown.len(),
            unknown[0]
        ));
    }
    print!("{}", report::table(&summary));
    if let Some(path) = &a.json {
        let r = Report {
            tool: "newsdesk-eval",
            version: env!("CARGO_PKG_VERSION"),
            source: a.predictions.display().to_string(),
            mode: None,
            passes: None,
            warmup: None,
            filter: a.filter.clone(),
            datasets_dir: loc.datasets.display().to_string(),
            datasets: vec![DatasetReport::new(summary, scores)],
        };
        report::write_json(path, &r)?;
        eprintln!("newsdesk-eval: wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn run(loc: &Locations, root: &Path, a: &RunArgs) -> Result<ExitCode> {
    let floors = a.check.as_deref().map(report::read_floors).transpose()?;
    let names: Vec<String> = if !a.dataset.is_empty() {
        a.dataset.clone()
    } else if let Some(f) = &floors {
        report::floor_datasets(f)
    } else {
        DatasetName::ALL
            .iter()
            .map(|d| d.as_str().to_owned())
            .collect()
    };
    if a.passes == 0 {
        bail!("--passes must be at least 1");
    }
    let cfg = RunConfig {
        passes: a.passes,
        warmup: a.warmup || a.warmup_pages.is_some(),
        warmup_pages: a.warmup_pages,
        mode: a.mode.into(),
        clock: match a.clock {
            ClockArg::Wall => runner::Clock::Wall,
            ClockArg::Cpu => runner::Clock::Cpu,
        },
    };
    let show_progress = std::io::stderr().is_terminal();
    let mut results = Vec::new();
    for name in &names {
        let ds = load(name, loc, a.filter.as_deref())?;
        let bytes = runner::read_pages(&ds)?;
        let bytes = if a.decoded {
            runner::predecode(bytes)
        } else {
            bytes
        };
        let n = ds.pages.len();
        let run = runner::run(&ds, &bytes, &cfg, |pass, i| {
            if show_progress && (i + 1 == n || i % 25 == 0) {
                eprint!("\r{} pass {}: {}/{}   ", ds.name, pass + 1, i + 1, n);
            }
        });
        if show_progress {
            eprint!("\r{:60}\r", "");
        }
        let scores: Vec<PageScore> = ds
            .pages
            .iter()
            .zip(&run.predictions)
            .map(|(p, pred)| score::score_page(p, pred, &Provided::ALL))
            .collect();
        let timing = metrics::timing(scores.iter().filter_map(|s| Some((s.id.as_str(), s.ms?))));
        let mut summary = score::summarise(&ds, &scores, &Provided::ALL, timing);
        summary.nondeterministic = run.nondeterministic.len();
        for s in &scores {
            if let Some(p) = &s.panic {
                summary.notes.push(format!("{}: panicked: {p}", s.id));
            }
        }
        for id in &run.nondeterministic {
            summary
                .notes
                .push(format!("{id}: text differed between passes"));
        }
        print!("{}", report::table(&summary));
        println!();
        if let Some(dir) = &a.dump {
            report::dump(dir, &ds, &run.predictions, &scores)
                .with_context(|| format!("dumping into {}", dir.display()))?;
        }
        results.push(DatasetReport::new(summary, scores));
    }
    let path = a
        .json
        .clone()
        .unwrap_or_else(|| root.join("target/eval/results.json"));
    let r = Report {
        tool: "newsdesk-eval",
        version: env!("CARGO_PKG_VERSION"),
        source: "newsdesk".to_owned(),
        mode: Some(Mode::from(a.mode).as_str()),
        passes: Some(a.passes),
        warmup: Some(a.warmup),
        filter: a.filter.clone(),
        datasets_dir: loc.datasets.display().to_string(),
        datasets: results,
    };
    report::write_json(&path, &r)?;
    eprintln!("newsdesk-eval: wrote {}", path.display());
    if let Some(md) = &a.markdown {
        let command: Vec<String> = std::env::args().collect();
        report::write_markdown(md, &r, &command.join(" "))?;
        eprintln!("newsdesk-eval: wrote {}", md.display());
    }
    if let (Some(floors), Some(fpath)) = (&floors, &a.check) {
        let failures = report::check_floors(floors, &r.datasets);
        if !failures.is_empty() {
            for f in &failures {
                println!("FAILED FLOOR: {f}");
            }
            println!(
                "newsdesk-eval: {} metric(s) below the floors in {}",
                failures.len(),
                fpath.display()
            );
            return Ok(ExitCode::from(1));
        }
        println!("newsdesk-eval: all floors in {} met", fpath.display());
    }
    Ok(ExitCode::SUCCESS)
}
