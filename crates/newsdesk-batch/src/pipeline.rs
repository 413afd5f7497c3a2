//! The parallel pipeline: one reader thread, `jobs` extraction workers in a rayon pool, and the
//! writer on the calling thread.
//!
//! ```text
//!  reader ──(bounded job queue)──► workers ×N ──► reorder buffer ──► writer ──► commit
//!    │  skipped / failed items ─────────────────────►│                 │
//!    └──◄── credits: at most `max_in_flight` items / bytes between reading and writing ◄─┘
//! ```
//!
//! Every item gets a sequence number as it is read. Workers finish in any order; the writer
//! holds results in a reorder buffer and writes strictly by sequence number, so the output is
//! the same for any `-j`. Memory is bounded by *credits*: the reader takes one per item (and
//! its body's bytes) before handing it on, and the writer returns them once the item is
//! written. A slow record therefore stalls reading after `max_in_flight` items instead of
//! letting the reorder buffer grow: that is the backpressure.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsdesk::{Error as ExtractError, Options};

use crate::checkpoint::Checkpoint;
use crate::error::BatchError;
use crate::input::{InputSpec, Item, Items, Origin, ReadSettings};
use crate::output::parquet::ParquetSink;
use crate::output::{FailureSink, Format, JsonlSink, Layout, Mark, Payload, Sink};
use crate::row::{FailureLine, Row};
use crate::summary::Summary;
use crate::{Config, panic_message};

struct Job {
    seq: u64,
    origin: Origin,
    body: Vec<u8>,
}

enum Outcome {
    Row { payload: Payload, empty: bool },
    Skipped { reason: String },
    Failed(FailureLine),
}

struct Done {
    seq: u64,
    size: usize,
    outcome: Outcome,
}

/// Counting semaphore over items and bytes in flight.
struct Credits {
    state: Mutex<(usize, usize)>,
    freed: Condvar,
    max_items: usize,
    max_bytes: usize,
    abort: AtomicBool,
}

impl Credits {
    fn new(max_items: usize, max_bytes: usize) -> Credits {
        Credits {
            state: Mutex::new((0, 0)),
            freed: Condvar::new(),
            max_items: max_items.max(1),
            max_bytes: max_bytes.max(1),
            abort: AtomicBool::new(false),
        }
    }

    /// Waits until one more item of `bytes` fits (an item larger than the whole budget goes
    /// alone). False if the run is aborting.
    fn acquire(&self, bytes: usize) -> bool {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if self.abort.load(Ordering::Relaxed) {
                return false;
            }
            let (items, used) = *s;
            if items == 0 || (items < self.max_items && used + bytes <= self.max_bytes) {
                *s = (items + 1, used + bytes);
                return true;
            }
            s = self.freed.wait(s).unwrap_or_else(|e| e.into_inner());
        }
    }

    fn release(&self, bytes: usize) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        s.0 = s.0.saturating_sub(1);
        s.1 = s.1.saturating_sub(bytes);
        drop(s);
        self.freed.notify_all();
    }

    fn abort(&self) {
        self.abort.store(true, Ordering::Relaxed);
        let _guard = self.state.lock().unwrap_or_else(|e| e.into_inner());
        self.freed.notify_all();
    }
}

/// What the workers need to turn a page into a row.
struct Worker<'a> {
    config: &'a Config,
    reference_date: &'a str,
}

impl Worker<'_> {
    fn process(&self, job: Job) -> Done {
        let Job { seq, origin, body } = job;
        let size = body.len();
        // The crawl date bounds plausible publication dates; pages without one use the run's
        // reference date, fixed in the checkpoint.
        let reference_date = origin.reference_date().unwrap_or(self.reference_date);
        let options = Options {
            url: origin.url.clone(),
            content_type: origin.content_type.clone(),
            mode: self.config.mode,
            explain: self.config.explain,
            reference_date: Some(reference_date.to_owned()),
            limits: self.config.limits,
        };
        let failure = |origin: &Origin, reason: &str, error: String| FailureLine {
            id: origin.id.clone(),
            seq,
            url: origin.url.clone(),
            warc_record_id: origin.warc_record_id.clone(),
            reason: reason.to_owned(),
            error,
        };
        let kept = origin.clone();
        let format = self.config.format;
        let extractor = self.config.extractor;
        // The record boundary: a panic anywhere in extraction or rendering fails this record
        // only.
        let result = catch_unwind(AssertUnwindSafe(move || {
            let article = extractor(&body, &options)?;
            let empty = article.is_empty();
            let row = Row::new(seq, origin, article);
            let payload = match format {
                Format::Jsonl => {
                    let mut line = serde_json::to_vec(&row).unwrap_or_default();
                    line.push(b'\n');
                    Payload::Json(line)
                }
                Format::Parquet => Payload::Row(Box::new(row)),
            };
            Ok::<_, ExtractError>((payload, empty))
        }));
        let outcome = match result {
            Ok(Ok((payload, empty))) => Outcome::Row { payload, empty },
            Ok(Err(e)) => Outcome::Failed(failure(&kept, extract_reason(&e), e.to_string())),
            Err(panic) => Outcome::Failed(failure(
                &kept,
                "panic",
                format!("extraction panicked: {}", panic_message(&*panic)),
            )),
        };
        Done { seq, size, outcome }
    }
}

fn extract_reason(e: &ExtractError) -> &'static str {
    match e {
        ExtractError::Empty => "empty",
        ExtractError::TooLarge { .. } => "too-large",
        ExtractError::NotHtml(_) => "not-html",
        ExtractError::Timeout(_) => "timeout",
        _ => "extract",
    }
}

/// Where a run starts: a fresh output, or the state of an interrupted one.
pub(crate) struct Start {
    pub specs: Vec<InputSpec>,
    pub layout: Layout,
    pub checkpoint: Checkpoint,
}

/// Runs the pipeline from `start` to the end of the input. Returns the summary of the whole
/// output (including what earlier, interrupted runs wrote).
pub(crate) fn run(config: &Config, start: Start) -> Result<Summary, BatchError> {
    let Start {
        specs,
        layout,
        mut checkpoint,
    } = start;
    let first_seq = checkpoint.next_seq;
    let total_bytes: u64 = specs.iter().map(|s| s.len).sum();
    let reference_date = checkpoint
        .settings
        .rsplit("reference_date=")
        .next()
        .unwrap_or("")
        .to_owned();

    let mut sink: Box<dyn Sink> = match config.format {
        Format::Jsonl => Box::new(JsonlSink::open(&layout.out, checkpoint.mark)?),
        Format::Parquet => Box::new(ParquetSink::open(
            &layout,
            checkpoint.mark,
            config.rows_per_part,
        )?),
    };
    let mut failures = FailureSink::open(&layout.failures(), checkpoint.mark.failure_bytes)?;

    let jobs = config.jobs.max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("newsdesk-extract-{i}"))
        .build()
        .map_err(|e| BatchError::Usage(format!("cannot start {jobs} worker threads: {e}")))?;
    let credits = Credits::new(config.max_in_flight, config.max_in_flight_bytes);
    let position = Arc::new(AtomicU64::new(0));
    let reader_done = AtomicBool::new(false);
    let (job_tx, job_rx) = mpsc::sync_channel::<Job>(jobs * 2);
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::channel::<Done>();
    let settings = ReadSettings {
        max_bytes: config.limits.max_bytes,
    };
    let worker = Worker {
        config,
        reference_date: &reference_date,
    };
    let progress = Progress::new(config.progress, total_bytes, &checkpoint.summary);

    let result = std::thread::scope(|s| {
        let reader = {
            let done_tx = done_tx.clone();
            let position = Arc::clone(&position);
            let (credits, reader_done) = (&credits, &reader_done);
            std::thread::Builder::new()
                .name("newsdesk-read".into())
                .spawn_scoped(s, move || {
                    let finished = read_loop(
                        specs, settings, position, first_seq, job_tx, done_tx, credits,
                    );
                    reader_done.store(finished, Ordering::Release);
                })
        };
        let workers = {
            let done_tx = done_tx.clone();
            let (pool, job_rx, worker) = (&pool, &job_rx, &worker);
            std::thread::Builder::new()
                .name("newsdesk-workers".into())
                .spawn_scoped(s, move || {
                    pool.broadcast(|_| work_loop(job_rx, &done_tx, worker));
                })
        };
        drop(done_tx);
        let (reader, workers) = match (reader, workers) {
            (Ok(r), Ok(w)) => (r, w),
            _ => {
                credits.abort();
                return Err(BatchError::Usage(
                    "cannot start the pipeline threads".into(),
                ));
            }
        };
        let written = write_loop(
            config,
            &layout,
            &mut checkpoint,
            sink.as_mut(),
            &mut failures,
            done_rx,
            &credits,
            &position,
            &progress,
        );
        if written.is_err() {
            credits.abort();
        }
        let reader_ok = reader.join().is_ok();
        let workers_ok = workers.join().is_ok();
        written?;
        if !reader_ok {
            return Err(BatchError::ThreadPanicked("reader"));
        }
        if !workers_ok {
            return Err(BatchError::ThreadPanicked("worker"));
        }
        Ok(())
    });
    progress.finish();
    result?;

    // The end: close the output, then record the run as complete.
    let mark = sink.finish()?;
    let failure_bytes = failures.commit()?;
    checkpoint.mark = Mark {
        failure_bytes,
        ..mark
    };
    checkpoint.complete = reader_done.load(Ordering::Acquire);
    checkpoint.save(&layout.checkpoint())?;
    Ok(checkpoint.summary.clone())
}

#[allow(clippy::too_many_arguments)]
fn read_loop(
    specs: Vec<InputSpec>,
    settings: ReadSettings,
    position: Arc<AtomicU64>,
    first_seq: u64,
    job_tx: SyncSender<Job>,
    done_tx: Sender<Done>,
    credits: &Credits,
) -> bool {
    let mut items = Items::new(specs, settings, position);
    let mut seq = 0u64;
    loop {
        let skip = seq < first_seq;
        let Some(item) = items.next_item(skip) else {
            return true;
        };
        if skip {
            seq += 1;
            continue;
        }
        let size = item.size();
        if !credits.acquire(size) {
            return false;
        }
        let sent = match item {
            Item::Page { origin, body } => job_tx.send(Job { seq, origin, body }).is_ok(),
            Item::Skipped { reason, .. } => done_tx
                .send(Done {
                    seq,
                    size,
                    outcome: Outcome::Skipped { reason },
                })
                .is_ok(),
            Item::Failed {
                origin,
                reason,
                error,
            } => done_tx
                .send(Done {
                    seq,
                    size,
                    outcome: Outcome::Failed(FailureLine {
                        id: origin.id,
                        seq,
                        url: origin.url,
                        warc_record_id: origin.warc_record_id,
                        reason: reason.to_owned(),
                        error,
                    }),
                })
                .is_ok(),
        };
        if !sent {
            return false;
        }
        seq += 1;
    }
}

fn work_loop(jobs: &Mutex<Receiver<Job>>, done: &Sender<Done>, worker: &Worker) {
    loop {
        let job = jobs.lock().unwrap_or_else(|e| e.into_inner()).recv();
        let Ok(job) = job else { return };
        if done.send(worker.process(job)).is_err() {
            return;
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn write_loop(
    config: &Config,
    layout: &Layout,
    checkpoint: &mut Checkpoint,
    sink: &mut dyn Sink,
    failures: &mut FailureSink,
    done: Receiver<Done>,
    credits: &Credits,
    position: &AtomicU64,
    progress: &Progress,
) -> Result<(), BatchError> {
    let mut reorder: BTreeMap<u64, Done> = BTreeMap::new();
    let mut last_commit = Instant::now();
    let mut uncommitted = 0u64;
    for d in done {
        reorder.insert(d.seq, d);
        while let Some(d) = reorder.remove(&checkpoint.next_seq) {
            let summary = &mut checkpoint.summary;
            match d.outcome {
                Outcome::Row { payload, empty } => {
                    sink.write(payload)?;
                    summary.ok(empty);
                }
                Outcome::Skipped { reason } => summary.skip(&reason),
                Outcome::Failed(line) => {
                    failures.write(&line)?;
                    summary.fail(&line.reason);
                }
            }
            credits.release(d.size);
            checkpoint.next_seq += 1;
            uncommitted += 1;
            progress.update(&checkpoint.summary, position.load(Ordering::Relaxed));
            if sink.at_boundary()
                && (uncommitted >= config.commit_every_items
                    || last_commit.elapsed() >= config.commit_every)
            {
                let mark = sink.commit()?;
                let failure_bytes = failures.commit()?;
                checkpoint.mark = Mark {
                    failure_bytes,
                    ..mark
                };
                checkpoint.save(&layout.checkpoint())?;
                last_commit = Instant::now();
                uncommitted = 0;
            }
        }
    }
    if !reorder.is_empty() {
        // An item never came back from the workers: the run is not complete.
        return Err(BatchError::ThreadPanicked("worker"));
    }
    Ok(())
}

/// The progress bar: bytes of input with ETA, records/s and the counts so far. Hidden unless
/// asked for and stderr is a terminal.
struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    first_read: u64,
    last_draw: Mutex<Instant>,
}

impl Progress {
    fn new(enabled: bool, total_bytes: u64, resumed: &Summary) -> Progress {
        let bar = (enabled && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(
                Some(total_bytes.max(1)),
                ProgressDrawTarget::stderr(),
            );
            if let Ok(style) = ProgressStyle::with_template(
                "{elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} eta {eta}  {msg}",
            ) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
            first_read: resumed.read,
            last_draw: Mutex::new(Instant::now() - Duration::from_secs(1)),
        }
    }

    fn update(&self, summary: &Summary, position: u64) {
        let Some(bar) = &self.bar else { return };
        let mut last = self.last_draw.lock().unwrap_or_else(|e| e.into_inner());
        if last.elapsed() < Duration::from_millis(100) {
            return;
        }
        *last = Instant::now();
        let secs = self.started.elapsed().as_secs_f64().max(1e-3);
        let rate = (summary.read - self.first_read) as f64 / secs;
        bar.set_position(position);
        bar.set_message(format!(
            "{rate:.0} rec/s  ok {} skipped {} failed {}",
            summary.ok,
            summary.skipped_total(),
            summary.failed_total()
        ));
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
