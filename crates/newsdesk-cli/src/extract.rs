//! `newsdesk extract`.

use std::io::{self, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::ValueEnum;
use newsdesk::{Article, Mode, Options};
use serde_json::{Map, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Json,
    Jsonl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ModeArg {
    Precision,
    Balanced,
    Recall,
}

#[derive(clap::Args)]
pub struct Args {
    /// HTML files, directories (every .html/.htm inside, recursively) or `-` for stdin.
    #[arg(required = true, value_name = "PATH|-")]
    inputs: Vec<String>,
    /// The page's URL: resolves relative links and images, and hints language and charset.
    #[arg(long)]
    url: Option<String>,
    /// The HTTP Content-Type header the page was served with (its charset wins over <meta>).
    #[arg(long, value_name = "HEADER")]
    content_type: Option<String>,
    #[arg(long, short, value_enum, default_value = "text")]
    format: Format,
    #[arg(long, value_enum, default_value = "balanced")]
    mode: ModeArg,
    /// Also report what was cut as boilerplate, and why (stderr for text formats; `removed` in JSON).
    #[arg(long)]
    explain: bool,
    /// With text or Markdown output, print the headline, authors, dates and site first.
    #[arg(long)]
    with_metadata: bool,
    /// With text output, include figure captions and photo credits as paragraphs.
    #[arg(long)]
    captions: bool,
    /// Extract with this many threads (default: 1). Output keeps the input order.
    #[arg(long, short = 'j', value_name = "N", default_value_t = 1)]
    jobs: usize,
}

struct Input {
    name: String,
    path: Option<PathBuf>,
}

fn collect(inputs: &[String]) -> Result<Vec<Input>, String> {
    let mut out = Vec::new();
    for raw in inputs {
        if raw == "-" {
            out.push(Input {
                name: "-".into(),
                path: None,
            });
            continue;
        }
        let path = PathBuf::from(raw);
        if path.is_dir() {
            let mut files = Vec::new();
            newsdesk_batch::input::walk_html(&path, &mut files)
                .map_err(|e| format!("{raw}: {e}"))?;
            files.sort();
            out.extend(files.into_iter().map(|p| Input {
                name: p.display().to_string(),
                path: Some(p),
            }));
        } else {
            out.push(Input {
                name: raw.clone(),
                path: Some(path),
            });
        }
    }
    Ok(out)
}

fn read_input(input: &Input) -> Result<Vec<u8>> {
    match &input.path {
        None => {
            let mut buf = Vec::new();
            io::stdin().read_to_end(&mut buf).context("reading stdin")?;
            Ok(buf)
        }
        Some(p) => std::fs::read(p).with_context(|| format!("reading {}", p.display())),
    }
}

/// The JSON object for one article: `source`, the article's fields, `text` and `markdown`.
pub fn article_json(source: &str, article: &Article) -> Value {
    let mut obj = Map::new();
    obj.insert("source".into(), Value::String(source.to_owned()));
    obj.insert(
        "title".into(),
        article
            .title
            .clone()
            .map(Value::String)
            .unwrap_or(Value::Null),
    );
    obj.insert("text".into(), Value::String(article.text()));
    obj.insert("markdown".into(), Value::String(article.markdown()));
    if let Ok(Value::Object(fields)) = serde_json::to_value(article) {
        for (k, v) in fields {
            obj.entry(k).or_insert(v);
        }
    }
    Value::Object(obj)
}

/// Extractions of `inputs` in input order. With several jobs, inputs are taken in windows of
/// a few per thread: each window is extracted in parallel, then handed out in order, so memory
/// stays bounded by the window whatever the number of inputs.
fn ordered_results<'a>(
    inputs: &'a [Input],
    options: &'a Options,
    jobs: usize,
) -> impl Iterator<Item = Result<Article>> + 'a {
    // A panic in one page's extraction is that page's error, not the end of the run.
    let one = move |input: &Input| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            read_input(input).and_then(|bytes| {
                newsdesk::extract(&bytes, options).with_context(|| input.name.clone())
            })
        }))
        .unwrap_or_else(|_| Err(anyhow::anyhow!("{}: extraction panicked", input.name)))
    };
    let window = if jobs == 1 { 1 } else { jobs * 8 };
    inputs.chunks(window).flat_map(move |chunk| {
        if jobs == 1 {
            return chunk.iter().map(one).collect::<Vec<_>>();
        }
        let next = std::sync::atomic::AtomicUsize::new(0);
        let slots: Vec<std::sync::Mutex<Option<Result<Article>>>> =
            chunk.iter().map(|_| std::sync::Mutex::new(None)).collect();
        std::thread::scope(|scope| {
            for _ in 0..jobs.min(chunk.len()) {
                scope.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(input) = chunk.get(i) else { break };
                        let r = one(input);
                        if let Ok(mut slot) = slots[i].lock() {
                            *slot = Some(r);
                        }
                    }
                });
            }
        });
        slots
            .into_iter()
            .map(|m| {
                m.into_inner()
                    .ok()
                    .flatten()
                    .unwrap_or_else(|| Err(anyhow::anyhow!("extraction thread failed")))
            })
            .collect()
    })
}

pub fn run(args: Args) -> Result<ExitCode> {
    let inputs = match collect(&args.inputs) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("newsdesk extract: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    if inputs.is_empty() {
        eprintln!("newsdesk extract: no .html or .htm files found in the given directories");
        return Ok(ExitCode::from(1));
    }
    let options = Options {
        url: args.url.clone(),
        content_type: args.content_type.clone(),
        mode: match args.mode {
            ModeArg::Precision => Mode::Precision,
            ModeArg::Balanced => Mode::Balanced,
            ModeArg::Recall => Mode::Recall,
        },
        explain: args.explain,
        ..Options::default()
    };
    // Several inputs as `json` means one object per line, like `jsonl`.
    let lines = args.format == Format::Jsonl || (args.format == Format::Json && inputs.len() > 1);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    let many = inputs.len() > 1;
    let jobs = args.jobs.max(1);
    let mut results = ordered_results(&inputs, &options, jobs);
    for (i, input) in inputs.iter().enumerate() {
        let Some(article) = results.next() else {
            break;
        };
        let article = match article {
            Ok(a) => a,
            Err(e) => {
                failed += 1;
                eprintln!("newsdesk extract: {e:#}");
                continue;
            }
        };
        let written = match args.format {
            Format::Json | Format::Jsonl if lines => {
                let v = article_json(&input.name, &article);
                writeln!(out, "{}", serde_json::to_string(&v)?)
            }
            Format::Json | Format::Jsonl => {
                let v = article_json(&input.name, &article);
                writeln!(out, "{}", serde_json::to_string_pretty(&v)?)
            }
            Format::Text | Format::Markdown | Format::Html => {
                if many {
                    if i > 0 {
                        writeln!(out)?;
                    }
                    writeln!(out, "==> {} <==", input.name)?;
                }
                if args.with_metadata && args.format != Format::Html {
                    let header = article.metadata_header();
                    if !header.is_empty() {
                        writeln!(out, "{header}\n")?;
                    }
                }
                let body = match args.format {
                    Format::Text if args.captions => article.text_with_captions(),
                    Format::Text => article.text(),
                    Format::Markdown => article.markdown(),
                    _ => article.html(),
                };
                writeln!(out, "{body}")
            }
        };
        if let Err(e) = written {
            if e.kind() == io::ErrorKind::BrokenPipe {
                return Ok(ExitCode::SUCCESS);
            }
            return Err(e.into());
        }
        if args.explain && !matches!(args.format, Format::Json | Format::Jsonl) {
            for note in &article.diagnostics.notes {
                eprintln!("note: {note}");
            }
            for r in &article.removed {
                let snippet: String = r.text.chars().take(100).collect();
                eprintln!("removed [{}] ({}): {}", r.reason.as_str(), r.rule, snippet);
            }
        }
    }
    if let Err(e) = out.flush()
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        return Err(e.into());
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
