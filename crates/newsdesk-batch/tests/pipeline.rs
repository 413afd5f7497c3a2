//! The pipeline on real files: WARC files written by `newsdesk-testdata` (gzip, zstd and plain),
//! damaged ones, HTML directories, JSONL; JSONL and Parquet outputs read back; counts, order,
//! resume and a panicking record.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use newsdesk::{Article, Options};
use newsdesk_batch::output::parquet::{read_batches, string_column};
use newsdesk_batch::{Config, FailureLine, Format, Row, Summary};
use newsdesk_testdata::pack::{self, Page};
use newsdesk_testdata::warc::{Response, WarcWriter};

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("newsdesk-batch-test-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn pages() -> Vec<Page> {
    pack::fixture_pages().unwrap()
}

/// Writes `n` fixture pages as response records (no other records); returns each record's
/// start offset, and the offset of the end.
fn write_warc(path: &Path, n: usize) -> Vec<u64> {
    let pages = pages();
    let mut w = WarcWriter::create(path).unwrap();
    let mut offsets = Vec::new();
    for i in 0..n {
        offsets.push(w.offset().unwrap());
        let p = &pages[i % pages.len()];
        let url = format!("{}?n={i}", p.url);
        w.response(&Response {
            url: &url,
            date: "2024-03-07T10:00:00Z",
            status: 200,
            content_type: Some("text/html; charset=utf-8"),
            body: &p.body,
        })
        .unwrap();
    }
    offsets.push(w.offset().unwrap());
    w.finish().unwrap();
    offsets
}

fn config(inputs: Vec<PathBuf>, out: PathBuf) -> Config {
    let mut c = Config::new(inputs, out);
    c.jobs = 2;
    c.reference_date = Some("2026-01-01".into());
    c
}

fn rows(path: &Path) -> Vec<Row> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn failures(path: &Path) -> Vec<FailureLine> {
    fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn counts(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
}

#[test]
fn a_crawl_warc_is_fully_accounted_for() {
    let dir = TempDir::new("crawl");
    let warc = dir.path("crawl.warc.gz");
    let mut w = WarcWriter::create(&warc).unwrap();
    let packed = pack::pack(&mut w, &pages(), 40, 4, 8).unwrap();
    w.finish().unwrap();
    let out = dir.path("out.jsonl");
    let summary = newsdesk_batch::run(&config(vec![warc.clone()], out.clone())).unwrap();
    assert!(summary.adds_up(), "{summary}");
    assert_eq!(summary.read, packed.records);
    assert_eq!(summary.ok, packed.pages);
    let skipped = &summary.skipped;
    assert_eq!(skipped["warc-type:warcinfo"], 1, "{summary}");
    assert_eq!(skipped["warc-type:request"], packed.requests, "{summary}");
    let noise: u64 = [
        "not-html:image/jpeg",
        "not-html:text/plain",
        "http-status:404",
        "http-status:301",
    ]
    .iter()
    .map(|k| skipped.get(*k).copied().unwrap_or(0))
    .sum();
    assert_eq!(noise, packed.non_html, "{summary}");
    assert_eq!(
        summary.skipped_total(),
        1 + packed.requests + packed.non_html
    );
    assert!(summary.failed.is_empty(), "{summary}");
    let rows = rows(&out);
    assert_eq!(rows.len() as u64, packed.pages);
    // Input order, and each row is what the library extracts from that page.
    assert!(rows.windows(2).all(|w| w[0].seq < w[1].seq));
    let first = &rows[0];
    assert_eq!(first.id, format!("{}#2", warc.display())); // after warcinfo and request
    assert!(
        first
            .warc_record_id
            .as_deref()
            .is_some_and(|i| i.starts_with("<urn:uuid:"))
    );
    assert_eq!(first.warc_date.as_deref(), Some("2024-03-07T00:00:00Z"));
    let page = &pages()[0];
    let expected = newsdesk::extract(
        &page.body,
        &Options {
            url: Some(page.url.clone()),
            content_type: Some("text/html; charset=utf-8".into()),
            reference_date: Some("2024-03-07".into()),
            ..Options::default()
        },
    )
    .unwrap();
    assert_eq!(first.article.url.as_deref(), Some(page.url.as_str()));
    assert_eq!(first.text, expected.text());
    assert_eq!(first.markdown, expected.markdown());
    assert_eq!(first.article.title, expected.title);
    assert_eq!(first.status, "ok");
}

#[test]
fn output_order_does_not_depend_on_jobs() {
    let dir = TempDir::new("order");
    let warc = dir.path("a.warc.gz");
    write_warc(&warc, 30);
    let mut outputs = Vec::new();
    for jobs in [1, 2, 4] {
        let out = dir.path(&format!("out-{jobs}.jsonl"));
        let mut c = config(vec![warc.clone()], out.clone());
        c.jobs = jobs;
        c.max_in_flight = 5;
        newsdesk_batch::run(&c).unwrap();
        outputs.push(fs::read(&out).unwrap());
    }
    assert!(!outputs[0].is_empty());
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], outputs[2]);
}

#[test]
fn zstd_and_plain_warc_read_like_gzip() {
    let dir = TempDir::new("codecs");
    let mut texts = Vec::new();
    for name in ["a.warc.gz", "a.warc.zst", "a.warc"] {
        let warc = dir.path(name);
        write_warc(&warc, 6);
        let out = dir.path(&format!("{name}.jsonl"));
        let s = newsdesk_batch::run(&config(vec![warc], out.clone())).unwrap();
        assert_eq!((s.read, s.ok), (6, 6), "{name}: {s}");
        texts.push(rows(&out).into_iter().map(|r| r.text).collect::<Vec<_>>());
    }
    assert_eq!(texts[0], texts[1]);
    assert_eq!(texts[0], texts[2]);
}

/// One damaged file among good ones: the damage is one failure with its reason, and every
/// other record of every file is still extracted.
fn damaged(name: &str, damage: impl Fn(&Path, &[u64])) -> (Summary, Vec<Row>, Vec<FailureLine>) {
    let dir = TempDir::new(name);
    let before = dir.path("before.warc.gz");
    let bad = dir.path(&format!("bad-{name}.warc.gz"));
    let after = dir.path("after.warc.gz");
    write_warc(&before, 3);
    let offsets = write_warc(&bad, 8);
    damage(&bad, &offsets);
    write_warc(&after, 3);
    let out = dir.path("out.jsonl");
    let c = config(vec![before, bad, after], out.clone());
    let s = newsdesk_batch::run(&c).unwrap();
    assert!(s.adds_up(), "{s}");
    let f = failures(&dir.path("out.jsonl.failures.jsonl"));
    assert_eq!(f.len() as u64, s.failed_total());
    (s, rows(&out), f)
}

#[test]
fn a_corrupt_gzip_member_fails_one_record() {
    let (s, rows, f) = damaged("corrupt", |path, offsets| {
        let mut bytes = fs::read(path).unwrap();
        // Garble the middle of the 4th record's member.
        let mid = ((offsets[3] + offsets[4]) / 2) as usize;
        for b in &mut bytes[mid..mid + 64] {
            *b ^= 0x5a;
        }
        fs::write(path, bytes).unwrap();
    });
    assert_eq!(s.failed, counts(&[("corrupt", 1)]), "{s}");
    assert_eq!(s.ok, 13, "{s}");
    assert_eq!(rows.len(), 13);
    assert!(f[0].id.contains("bad-corrupt.warc.gz#3"), "{f:?}");
}

#[test]
fn a_truncated_gzip_file_fails_its_last_record() {
    let (s, rows, f) = damaged("truncated", |path, offsets| {
        let bytes = fs::read(path).unwrap();
        let cut = ((offsets[7] + offsets[8]) / 2) as usize;
        fs::write(path, &bytes[..cut]).unwrap();
    });
    assert_eq!(s.failed, counts(&[("truncated", 1)]), "{s}");
    assert_eq!(s.ok, 13, "{s}");
    assert_eq!(rows.len(), 13);
    assert!(f[0].id.ends_with("bad-truncated.warc.gz#7"), "{f:?}");
}

/// Rewrites the file with record `k` declaring `delta` more bytes than it has.
fn lying_length(path: &Path, k: usize, delta: i64) {
    let pages = pages();
    let mut w = WarcWriter::create(path).unwrap();
    for i in 0..8 {
        let p = &pages[i % pages.len()];
        let block = newsdesk_testdata::warc::http_response(200, Some("text/html"), &p.body);
        let declared = (i == k).then(|| (block.len() as i64 + delta) as usize);
        let url = format!("{}?n={i}", p.url);
        w.record(
            "response",
            "2024-03-07T10:00:00Z",
            Some(&url),
            Some("application/http; msgtype=response"),
            &block,
            declared,
        )
        .unwrap();
    }
    w.finish().unwrap();
}

#[test]
fn a_record_with_a_short_content_length_fails_alone() {
    let (s, rows, f) = damaged("short", |path, _| lying_length(path, 2, -40));
    assert_eq!(s.failed, counts(&[("bad-record", 1)]), "{s}");
    assert_eq!(s.ok, 13, "{s}");
    assert_eq!(rows.len(), 13);
    assert!(f[0].id.ends_with("bad-short.warc.gz#2"), "{f:?}");
}

#[test]
fn a_record_with_a_long_content_length_fails_alone() {
    let (s, rows, f) = damaged("long", |path, _| lying_length(path, 5, 300));
    assert_eq!(s.failed, counts(&[("bad-record", 1)]), "{s}");
    assert_eq!(s.ok, 13, "{s}");
    assert_eq!(rows.len(), 13);
    assert!(f[0].id.ends_with("bad-long.warc.gz#5"), "{f:?}");
}

#[test]
fn empty_and_non_warc_files_are_failures() {
    let dir = TempDir::new("notwarc");
    let good = dir.path("good.warc.gz");
    write_warc(&good, 4);
    let empty = dir.path("empty.warc.gz");
    fs::write(&empty, b"").unwrap();
    let text = dir.path("notes.warc");
    fs::write(&text, b"these are my notes, not an archive\n").unwrap();
    let gz_text = dir.path("notes.warc.gz");
    // A gzip file holding something else.
    {
        use std::io::Write;
        let mut g = fastwarc::stream_io::gzip::GzipWriter::new(fs::File::create(&gz_text).unwrap());
        g.write_all(b"id,name\n1,two\n").unwrap();
    }
    let out = dir.path("out.jsonl");
    let inputs = vec![empty, good.clone(), text, gz_text, good];
    let s = newsdesk_batch::run(&config(inputs, out.clone())).unwrap();
    assert!(s.adds_up(), "{s}");
    assert_eq!(s.ok, 8, "{s}");
    assert_eq!(
        s.failed,
        counts(&[("empty-file", 1), ("not-warc", 2)]),
        "{s}"
    );
    assert_eq!(rows(&out).len(), 8);
}

#[test]
fn html_directories_and_jsonl_are_inputs_too() {
    let dir = TempDir::new("html");
    let html = dir.path("pages");
    fs::create_dir_all(html.join("sub")).unwrap();
    let pages = pages();
    fs::write(html.join("b.html"), &pages[0].body).unwrap();
    fs::write(html.join("sub/a.htm"), &pages[1].body).unwrap();
    fs::write(html.join("notes.txt"), b"not a page").unwrap();
    let jsonl = dir.path("pages.jsonl");
    let line = |url: &str, body: &[u8]| {
        serde_json::json!({"url": url, "html": String::from_utf8_lossy(body)}).to_string()
    };
    fs::write(
        &jsonl,
        format!(
            "{}\n\n{{not json\n{}\n",
            line("https://a.example/1", &pages[2].body),
            line("https://a.example/2", &pages[3].body)
        ),
    )
    .unwrap();
    let out = dir.path("out.jsonl");
    let s = newsdesk_batch::run(&config(vec![html.clone(), jsonl.clone()], out.clone())).unwrap();
    assert_eq!(s.ok, 4, "{s}");
    assert_eq!(s.failed, counts(&[("bad-jsonl", 1)]), "{s}");
    let rows = rows(&out);
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![
            html.join("b.html").display().to_string(),
            html.join("sub/a.htm").display().to_string(),
            format!("{}#1", jsonl.display()),
            format!("{}#4", jsonl.display()),
        ]
    );
    assert_eq!(rows[2].article.url.as_deref(), Some("https://a.example/1"));
}

/// Panics on one page: the pipeline must catch it at the record boundary.
fn panicking_extract(html: &[u8], options: &Options) -> Result<Article, newsdesk::Error> {
    if options.url.as_deref().is_some_and(|u| u.ends_with("?n=4")) {
        panic!("injected test panic");
    }
    newsdesk::extract(html, options)
}

#[test]
fn a_panic_in_one_record_is_contained() {
    let dir = TempDir::new("panic");
    let warc = dir.path("a.warc.gz");
    write_warc(&warc, 10);
    let out = dir.path("out.jsonl");
    let mut c = config(vec![warc.clone()], out.clone());
    c.extractor = panicking_extract;
    let s = newsdesk_batch::run(&c).unwrap();
    assert_eq!(s.read, 10);
    assert_eq!(s.ok, 9, "{s}");
    assert_eq!(s.failed, counts(&[("panic", 1)]), "{s}");
    let f = failures(&dir.path("out.jsonl.failures.jsonl"));
    assert_eq!(f[0].id, format!("{}#4", warc.display()));
    assert!(f[0].error.contains("injected test panic"), "{f:?}");
    let rows = rows(&out);
    assert_eq!(rows.len(), 9);
    assert!(rows.iter().all(|r| !r.id.ends_with("#4")));
}

#[test]
fn parquet_output_reads_back_as_the_jsonl_rows() {
    let dir = TempDir::new("parquet");
    let warc = dir.path("a.warc.gz");
    write_warc(&warc, 25);
    let jsonl = dir.path("out.jsonl");
    newsdesk_batch::run(&config(vec![warc.clone()], jsonl.clone())).unwrap();
    let pq = dir.path("out.parquet");
    let mut c = config(vec![warc], pq.clone());
    c.format = Format::Parquet;
    c.rows_per_part = 10;
    let s = newsdesk_batch::run(&c).unwrap();
    assert_eq!(s.ok, 25);
    let parts: Vec<PathBuf> = (0..3)
        .map(|k| pq.join(format!("part-{k:05}.parquet")))
        .collect();
    assert!(parts.iter().all(|p| p.is_file()));
    assert!(!pq.join("part-00003.parquet").exists());
    let expected = rows(&jsonl);
    let mut n = 0;
    for part in &parts {
        for batch in read_batches(part).unwrap() {
            let (id, text, title) = (
                string_column(&batch, "id").unwrap(),
                string_column(&batch, "text").unwrap(),
                string_column(&batch, "title").unwrap(),
            );
            let blocks = string_column(&batch, "blocks").unwrap();
            for i in 0..batch.num_rows() {
                let e = &expected[n];
                assert_eq!(id.value(i), e.id);
                assert_eq!(text.value(i), e.text);
                assert_eq!(Some(title.value(i)), e.article.title.as_deref());
                let b: Vec<newsdesk::Block> = serde_json::from_str(blocks.value(i)).unwrap();
                assert_eq!(b, e.article.blocks);
                n += 1;
            }
        }
    }
    assert_eq!(n, 25);
}

#[test]
fn every_article_field_has_a_parquet_column() {
    let page = &pages()[0];
    let mut a = newsdesk::extract(&page.body, &Options::default()).unwrap();
    a.url = Some("u".into());
    a.title = Some("t".into());
    a.authors = vec!["a".into()];
    a.published = Some("p".into());
    a.published_source = Some("s".into());
    a.modified = Some("m".into());
    a.modified_source = Some("s".into());
    a.site_name = Some("s".into());
    a.language = Some("en".into());
    a.description = Some("d".into());
    a.canonical_url = Some("c".into());
    a.section = Some("s".into());
    a.tags = vec!["t".into()];
    a.image = Some(newsdesk::Image::default());
    a.credits = vec![newsdesk::Credit::default()];
    a.syndication_source = Some("s".into());
    a.sources.insert("k".into(), "v".into());
    a.removed = vec![newsdesk::Removed {
        reason: newsdesk::RemovalReason::Boilerplate,
        rule: "r".into(),
        text: "t".into(),
    }];
    let schema = newsdesk_batch::output::parquet::schema();
    let serde_json::Value::Object(fields) = serde_json::to_value(&a).unwrap() else {
        panic!("article is an object");
    };
    for key in fields.keys() {
        assert!(
            schema.index_of(key).is_ok(),
            "no Parquet column for Article::{key}"
        );
    }
}

#[test]
fn resume_continues_an_interrupted_output() {
    let dir = TempDir::new("resume");
    let warc = dir.path("a.warc.gz");
    write_warc(&warc, 20);
    let full = dir.path("full.jsonl");
    newsdesk_batch::run(&config(vec![warc.clone()], full.clone())).unwrap();

    // An interrupted run: its checkpoint covers 7 items, and after the checkpoint it wrote
    // half a line more, as a crash leaves it.
    let out = dir.path("out.jsonl");
    let mut c = config(vec![warc.clone()], out.clone());
    c.commit_every_items = 1;
    newsdesk_batch::run(&c).unwrap();
    let cp_path = dir.path("out.jsonl.checkpoint.json");
    let mut cp = newsdesk_batch::Checkpoint::load(&cp_path).unwrap().unwrap();
    let bytes = fs::read(&out).unwrap();
    let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
    let kept: usize = lines[..7].iter().map(|l| l.len()).sum();
    cp.next_seq = 7;
    cp.mark.rows = 7;
    cp.mark.bytes = kept as u64;
    cp.summary = Summary {
        read: 7,
        ok: 7,
        ..Summary::default()
    };
    cp.complete = false;
    cp.save(&cp_path).unwrap();
    fs::write(&out, &bytes[..kept + lines[7].len() / 2]).unwrap();

    c.resume = true;
    let s = newsdesk_batch::run(&c).unwrap();
    assert_eq!((s.read, s.ok), (20, 20), "{s}");
    assert_eq!(fs::read(&out).unwrap(), fs::read(&full).unwrap());

    // A complete output resumes to itself; changed inputs are refused.
    let again = newsdesk_batch::run(&c).unwrap();
    assert_eq!(again, s);
    write_warc(&warc, 21);
    let e = newsdesk_batch::run(&c).unwrap_err();
    assert!(e.to_string().contains("inputs differ"), "{e}");
}
