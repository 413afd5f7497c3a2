//! The timed runner: newsdesk over every page of a dataset, one thread, one page at a time.
//! Timing covers exactly what a user pays per page: `newsdesk::extract` (decode, parse,
//! extract) plus `Article::text()`. File reading happens before, outside the clock.

use std::panic::{self, AssertUnwindSafe};
use std::sync::Mutex;
use std::time::Instant;

use anyhow::{Context, Result};
use newsdesk::{Article, Mode, Options};

use crate::datasets::Dataset;

/// Why a page produced no output.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// `extract` returned an error (or a peer's prediction line carried one).
    Error(String),
    /// `extract` panicked; the message is kept.
    Panic(String),
}

/// One page's output, from newsdesk or from a peer's predictions file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prediction {
    pub text: String,
    pub title: Option<String>,
    pub authors: Vec<String>,
    /// ISO 8601 date or date-time.
    pub published: Option<String>,
    pub site_name: Option<String>,
    pub language: Option<String>,
    /// Time for this page (median over passes).
    pub ms: Option<f64>,
    pub failure: Option<Failure>,
}

#[derive(Clone, Copy, Debug)]
pub struct RunConfig {
    /// Timed passes over the whole dataset; each page's time is its median.
    pub passes: usize,
    /// Run one untimed pass first (page cache, allocator and branch predictors warm).
    pub warmup: bool,
    /// Limit the warm-up pass to the first N pages (to match peers' warm-up).
    pub warmup_pages: Option<usize>,
    pub mode: Mode,
    /// Which clock times a page.
    pub clock: Clock,
}

/// How page time is measured.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Clock {
    /// Wall-clock time: what a user waits.
    #[default]
    Wall,
    /// CPU time of the measuring thread: robust to other load on a shared machine.
    Cpu,
}

impl Clock {
    fn now(self) -> f64 {
        match self {
            Clock::Wall => {
                static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
                START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
            }
            Clock::Cpu => thread_cpu_ms(),
        }
    }
}

/// CPU time consumed by the calling thread, in milliseconds.
fn thread_cpu_ms() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant the kernel knows.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return 0.0;
    }
    ts.tv_sec as f64 * 1000.0 + ts.tv_nsec as f64 / 1e6
}

/// Decodes each page to UTF-8 with newsdesk's decoder, before timing, so newsdesk is timed on
/// the same decoded input the benchmark hands its peers (`newsdesk-eval list --decoded`).
pub fn predecode(pages: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    pages
        .into_iter()
        .map(|b| {
            newsdesk_dom::decode(&b, None, None)
                .text
                .into_owned()
                .into_bytes()
        })
        .collect()
}

/// The result of running a dataset.
pub struct Run {
    /// In page order. Scores come from the first timed pass.
    pub predictions: Vec<Prediction>,
    /// Pages whose text differed between passes (should be 0: extraction is deterministic).
    pub nondeterministic: Vec<String>,
}

/// Reads every page's bytes, before any timing.
pub fn read_pages(ds: &Dataset) -> Result<Vec<Vec<u8>>> {
    ds.pages
        .iter()
        .map(|p| std::fs::read(&p.path).with_context(|| format!("reading {}", p.path.display())))
        .collect()
}

static PANIC_MESSAGE: Mutex<Option<String>> = Mutex::new(None);

/// Runs newsdesk over `pages` (bytes in `ds.pages` order). A panicking page is caught, counted
/// and reported; it never ends the run. `progress` is called after each page of each pass.
pub fn run(
    ds: &Dataset,
    pages: &[Vec<u8>],
    cfg: &RunConfig,
    mut progress: impl FnMut(usize, usize),
) -> Run {
    let options: Vec<Options> = ds
        .pages
        .iter()
        .map(|p| Options {
            url: p.url.clone(),
            mode: cfg.mode,
            ..Options::default()
        })
        .collect();
    with_panic_capture(|| run_passes(ds, pages, &options, cfg, &mut progress))
}

fn run_passes(
    ds: &Dataset,
    pages: &[Vec<u8>],
    options: &[Options],
    cfg: &RunConfig,
    progress: &mut impl FnMut(usize, usize),
) -> Run {
    let passes = cfg.passes.max(1);
    let total = passes + usize::from(cfg.warmup);
    let mut times: Vec<Vec<f64>> = vec![Vec::with_capacity(passes); pages.len()];
    let mut first: Vec<Prediction> = Vec::with_capacity(pages.len());
    let mut nondeterministic = Vec::new();
    for pass in 0..total {
        let timed = !(cfg.warmup && pass == 0);
        for (i, (bytes, opts)) in pages.iter().zip(options).enumerate() {
            if !timed && cfg.warmup_pages.is_some_and(|n| i >= n) {
                break;
            }
            let (pred, ms) = guarded(cfg.clock, || {
                newsdesk::extract(bytes, opts).map(|a| {
                    let text = a.text();
                    (a, text)
                })
            });
            if !timed {
                progress(pass, i);
                continue;
            }
            times[i].push(ms);
            if first.len() <= i {
                first.push(pred);
            } else if first[i].text != pred.text && !nondeterministic.contains(&ds.pages[i].id) {
                nondeterministic.push(ds.pages[i].id.clone());
            }
            progress(pass, i);
        }
    }
    for (pred, t) in first.iter_mut().zip(&mut times) {
        t.sort_by(f64::total_cmp);
        pred.ms = Some(crate::metrics::median_sorted(t));
    }
    Run {
        predictions: first,
        nondeterministic,
    }
}

/// Runs `f` with panics recorded in [`PANIC_MESSAGE`] instead of printed, one line per page
/// rather than a backtrace note each; the previous hook is restored afterwards.
fn with_panic_capture<T>(f: impl FnOnce() -> T) -> T {
    let previous_hook = panic::take_hook();
    panic::set_hook(Box::new(|info| {
        let loc = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "non-string panic payload".to_owned());
        if let Ok(mut slot) = PANIC_MESSAGE.lock() {
            *slot = Some(format!("{msg}{loc}"));
        }
    }));
    let out = f();
    panic::set_hook(previous_hook);
    out
}

/// Times one extraction; an error or a panic becomes the page's [`Failure`].
fn guarded(
    clock: Clock,
    f: impl FnOnce() -> Result<(Article, String), newsdesk::Error>,
) -> (Prediction, f64) {
    let start = clock.now();
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    let ms = (clock.now() - start).max(0.0);
    let pred = match result {
        Ok(Ok((a, text))) => Prediction {
            text,
            title: a.title,
            authors: a.authors,
            published: a.published,
            site_name: a.site_name,
            language: a.language,
            ms: None,
            failure: None,
        },
        Ok(Err(e)) => Prediction {
            failure: Some(Failure::Error(e.to_string())),
            ..Prediction::default()
        },
        Err(_) => {
            let msg = PANIC_MESSAGE
                .lock()
                .ok()
                .and_then(|mut m| m.take())
                .unwrap_or_else(|| "panic".to_owned());
            Prediction {
                failure: Some(Failure::Panic(msg)),
                ..Prediction::default()
            }
        }
    };
    (pred, ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_and_errors_become_failures() {
        let (p, ms) = with_panic_capture(|| guarded(Clock::Wall, || panic!("boom {}", 42)));
        match p.failure {
            Some(Failure::Panic(m)) => assert!(m.starts_with("boom 42 at "), "{m}"),
            other => panic!("expected a panic failure, got {other:?}"),
        }
        assert!(ms >= 0.0 && p.text.is_empty());
        let (p, _) = guarded(Clock::Cpu, || Err(newsdesk::Error::Empty));
        assert_eq!(p.failure, Some(Failure::Error("the input is empty".into())));
        let (p, _) = guarded(Clock::Cpu, || {
            newsdesk::extract(b"<p>Hello there.</p>", &Options::default()).map(|a| {
                let t = a.text();
                (a, t)
            })
        });
        assert_eq!(p.failure, None);
    }
}
