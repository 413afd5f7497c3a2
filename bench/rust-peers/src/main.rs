//! One runner for the Rust peers of the newsdesk benchmark.
//!
//! rust-peers EXTRACTOR --pages PAGES.jsonl --out PRED.jsonl --meta META.json
//!            [--passes N] [--warmup N] [--warmup-pages N] [--task body|date]
//! rust-peers --list
//!
//! Reads the page list written by `newsdesk-eval list --decoded DIR` (one JSON object a line:
//! `id`, `path`, `url`, `decoded`), then runs `warmup` untimed passes (over the first
//! `warmup-pages` pages, 0 = all) and `passes` timed passes over all pages. Each decoded UTF-8
//! page is read from disk before its call, outside the timing; only the extraction call is timed.
//! The output kept is the first timed pass's. Writes one prediction a line (`id`, `text`, optional `date`, `ms` = the page's median
//! over the timed passes, `error` when it failed) and a small JSON of facts about the run (version, peak RSS, errors).

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

use serde_json::{json, Value};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

struct Page {
    url: Option<String>,
    html: String,
}

struct Entry {
    id: String,
    url: Option<String>,
    file: String,
}

fn read_page(e: &Entry) -> Page {
    let bytes = std::fs::read(&e.file).unwrap_or_default();
    Page {
        url: e.url.clone(),
        html: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

#[derive(Default, Clone)]
struct Output {
    text: String,
    date: Option<String>,
}

type Extractor = fn(&Page, bool) -> Result<Output, String>;

#[cfg(feature = "dom_smoothie")]
fn dom_smoothie(page: &Page, _date: bool) -> Result<Output, String> {
    // Defaults, as its README's basic example: Readability::new(html, url, None).parse().
    let mut r = dom_smoothie::Readability::new(page.html.as_str(), page.url.as_deref(), None)
        .map_err(|e| e.to_string())?;
    let article = r.parse().map_err(|e| e.to_string())?;
    Ok(Output {
        text: article.text_content.to_string(),
        date: None,
    })
}

#[cfg(feature = "rs_trafilatura")]
fn rs_trafilatura(page: &Page, _date: bool) -> Result<Output, String> {
    let options = rs_trafilatura::Options {
        url: page.url.clone(),
        ..rs_trafilatura::Options::default()
    };
    let r =
        rs_trafilatura::extract_with_options(&page.html, &options).map_err(|e| e.to_string())?;
    Ok(Output {
        text: r.content_text,
        date: None,
    })
}

#[cfg(feature = "rust_trafilatura")]
fn rust_trafilatura(page: &Page, _date: bool) -> Result<Output, String> {
    let options = rust_trafilatura::Options {
        original_url: page.url.as_deref().and_then(rust_trafilatura::Url::request),
        // The input is the already decoded UTF-8 page: say so instead of sniffing a charset again.
        input_encoding: "utf-8".to_string(),
        ..rust_trafilatura::Options::default()
    };
    let r = rust_trafilatura::extract(page.html.as_bytes(), &options).map_err(|e| e.to_string())?;
    Ok(Output {
        text: r.content_text,
        date: None,
    })
}

// The pushes depend on which peers were built (cargo features), so no `vec![]`.
#[allow(clippy::vec_init_then_push)]
fn extractors() -> Vec<(&'static str, &'static str, Extractor)> {
    #[allow(unused_mut)]
    let mut v: Vec<(&'static str, &'static str, Extractor)> = Vec::new();
    #[cfg(feature = "dom_smoothie")]
    v.push(("dom_smoothie", env!("V_DOM_SMOOTHIE"), dom_smoothie));
    #[cfg(feature = "rs_trafilatura")]
    v.push(("rs-trafilatura", env!("V_RS_TRAFILATURA"), rs_trafilatura));
    #[cfg(feature = "rust_trafilatura")]
    v.push((
        "rust-trafilatura",
        env!("V_RUST_TRAFILATURA"),
        rust_trafilatura,
    ));
    v
}

fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n == 0 {
        0.0
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: rust-peers EXTRACTOR --pages FILE --out FILE --meta FILE [--passes N] [--warmup N] [--warmup-pages N] [--task body|date]";
    if args.first().map(String::as_str) == Some("--list") {
        for (name, version, _) in extractors() {
            println!("{name} {version}");
        }
        return;
    }
    let name = args.first().cloned().unwrap_or_else(|| {
        eprintln!("{usage}");
        std::process::exit(2)
    });
    let mut pages_path = None;
    let mut out_path = None;
    let mut meta_path = None;
    let mut passes = 3usize;
    let mut warmup = 1usize;
    let mut warmup_pages = 0usize;
    let mut task = "body".to_string();
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        let mut val = || {
            it.next().cloned().unwrap_or_else(|| {
                eprintln!("{usage}");
                std::process::exit(2)
            })
        };
        match a.as_str() {
            "--pages" => pages_path = Some(val()),
            "--out" => out_path = Some(val()),
            "--meta" => meta_path = Some(val()),
            "--passes" => passes = val().parse().expect("--passes N"),
            "--warmup" => warmup = val().parse().expect("--warmup N"),
            "--warmup-pages" => warmup_pages = val().parse().expect("--warmup-pages N"),
            "--task" => task = val(),
            _ => {
                eprintln!("{usage}");
                std::process::exit(2)
            }
        }
    }
    let (Some(pages_path), Some(out_path), Some(meta_path)) = (pages_path, out_path, meta_path)
    else {
        eprintln!("{usage}");
        std::process::exit(2)
    };
    let Some((name, version, extract)) = extractors().into_iter().find(|(n, _, _)| *n == name)
    else {
        eprintln!("rust-peers: unknown or not built extractor {name}");
        std::process::exit(2)
    };
    let want_date = task == "date";

    let file = std::fs::File::open(&pages_path).expect("open --pages");
    let mut pages = Vec::new();
    for line in BufReader::new(file).lines() {
        let line = line.expect("read --pages");
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(&line).expect("page list line is JSON");
        let id = v["id"].as_str().unwrap_or_default().to_string();
        let file = v["decoded"]
            .as_str()
            .or_else(|| v["path"].as_str())
            .unwrap_or_default()
            .to_string();
        // Some datasets use pseudo-URLs as ids ("hard::name.html"): those are not passed on.
        let url = v["url"]
            .as_str()
            .filter(|u| {
                let l = u.to_ascii_lowercase();
                l.starts_with("http://") || l.starts_with("https://")
            })
            .map(str::to_string);
        pages.push(Entry { id, url, file });
    }

    // A panic is a crash: empty output for that page. Keep the default hook quiet.
    std::panic::set_hook(Box::new(|_| {}));
    let mut outputs: Vec<Option<Output>> = vec![None; pages.len()];
    let mut errors: Vec<Option<String>> = vec![None; pages.len()];
    let mut times: Vec<Vec<f64>> = vec![Vec::with_capacity(passes); pages.len()];
    let started = Instant::now();
    for pass in 0..warmup + passes {
        for (i, entry) in pages.iter().enumerate() {
            if pass < warmup && warmup_pages > 0 && i >= warmup_pages {
                break;
            }
            if pass >= warmup && errors[i].is_some() {
                // A page that crashed is not run again: empty output, the time of its failed call.
                let first = times[i].first().copied().unwrap_or(0.0);
                times[i].push(first);
                continue;
            }
            // Read outside the timing, page by page (the peak RSS is not the whole dataset's).
            let page = read_page(entry);
            let page = &page;
            let t = Instant::now();
            let r = catch_unwind(AssertUnwindSafe(|| extract(page, want_date)));
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            if pass >= warmup {
                times[i].push(ms);
            }
            if pass >= warmup && outputs[i].is_none() {
                match r {
                    Ok(Ok(o)) => outputs[i] = Some(o),
                    Ok(Err(e)) => {
                        errors[i] = Some(e);
                        outputs[i] = Some(Output::default());
                    }
                    Err(_) => {
                        errors[i] = Some("panic".into());
                        outputs[i] = Some(Output::default());
                    }
                }
            }
        }
    }
    let wall = started.elapsed().as_secs_f64();

    let mut out = BufWriter::new(std::fs::File::create(&out_path).expect("create --out"));
    for (i, page) in pages.iter().enumerate() {
        let o = outputs[i].clone().unwrap_or_default();
        let mut rec = json!({"id": page.id, "text": o.text, "ms": median(&mut times[i])});
        if let Some(d) = o.date {
            rec["date"] = Value::String(d);
        }
        if let Some(e) = &errors[i] {
            rec["error"] = Value::String(e.clone());
        }
        writeln!(out, "{rec}").expect("write --out");
    }
    out.flush().expect("write --out");
    let failed: Vec<Value> = errors
        .iter()
        .zip(&pages)
        .filter_map(|(e, p)| e.as_ref().map(|e| json!({"id": p.id, "error": e})))
        .collect();
    let meta = json!({
        "extractor": name,
        "version": version,
        "runtime": "Rust (rustc, release profile)",
        "task": task,
        "pages": pages.len(),
        "passes": passes,
        "warmup": warmup,
        "warmup_pages": if warmup == 0 { 0 } else if warmup_pages == 0 { pages.len() } else { warmup_pages.min(pages.len()) },
        "peak_rss_kb": peak_rss_kb(),
        "wall_s": wall,
        "errors": failed.len(),
        "timeouts": 0,
        "failed_pages": failed,
    });
    std::fs::write(&meta_path, serde_json::to_string_pretty(&meta).unwrap()).expect("write --meta");
}
