//! The `newsdesk` binary, run as a user would: formats, directories, several inputs, bad inputs,
//! usage errors, stdin and `--explain`. Outputs are compared with what the library returns for
//! the same page, so these tests check the command line, not extraction quality.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_newsdesk");
const SEED_URL: &str = "https://www.coastlinedaily.example/news/2024/03/07/port-callister-mayor-declines-national-guard-flood-cleanup/";

fn fixture(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../newsdesk/tests/fixtures")
        .join(case)
        .join("source.html")
}

fn seed() -> PathBuf {
    fixture("seed_like_rail")
}

fn library(path: &Path, url: Option<&str>) -> newsdesk::Article {
    let options = newsdesk::Options {
        url: url.map(str::to_owned),
        ..Default::default()
    };
    newsdesk::extract(&fs::read(path).unwrap(), &options).unwrap()
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run newsdesk")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn newsdesk");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[track_caller]
fn assert_status(o: &Output, code: i32) {
    assert_eq!(
        o.status.code(),
        Some(code),
        "exit status\nstdout:\n{}\nstderr:\n{}",
        stdout(o),
        stderr(o)
    );
}

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("newsdesk-cli-test-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn file(&self, rel: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, bytes).unwrap();
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn small_page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         </head><body><nav><a href=\"/\">Home</a> <a href=\"/news/\">News</a></nav><article>\
         <h1>{title}</h1><p>{body}</p></article></body></html>"
    )
}

const BODY_A: &str = "The harbour committee agreed on Tuesday to repaint the old lighthouse in its original red and white bands, after a public vote drew more than three thousand replies.";
const BODY_B: &str = "Volunteers finished clearing the towpath between the two locks on Saturday, two weeks ahead of schedule, and the canal trust said boats could use the stretch again by May.";
const BODY_C: &str = "The village hall roof will be replaced this summer with money left over from last year's fete, the parish council said, and the hall will stay open for the Tuesday lunch club.";

// ---------------------------------------------------------------------------------------------
// Output formats on one fixture.

#[test]
fn text_output_is_the_articles_text() {
    let o = run(&["extract", "--url", SEED_URL, seed().to_str().unwrap()]);
    assert_status(&o, 0);
    let a = library(&seed(), Some(SEED_URL));
    assert_eq!(stdout(&o), format!("{}\n", a.text()));
    assert!(stdout(&o).starts_with("Port Callister Mayor Rosa Delgado-Hart said Thursday"));
    assert!(
        !stdout(&o).contains("(AP Images)"),
        "captions are left out of text"
    );
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn text_output_with_captions_and_metadata() {
    let o = run(&[
        "extract",
        "--url",
        SEED_URL,
        "--captions",
        "--with-metadata",
        seed().to_str().unwrap(),
    ]);
    assert_status(&o, 0);
    let out = stdout(&o);
    let a = library(&seed(), Some(SEED_URL));
    assert!(
        out.starts_with(&format!("Title: {}\n", a.title.as_deref().unwrap())),
        "{out}"
    );
    assert!(
        out.ends_with(&format!("{}\n", a.text_with_captions())),
        "{out}"
    );
    assert!(out.contains("(AP Images)"), "{out}");
}

#[test]
fn markdown_output_is_the_articles_markdown() {
    let o = run(&[
        "extract",
        "--url",
        SEED_URL,
        "-f",
        "markdown",
        seed().to_str().unwrap(),
    ]);
    assert_status(&o, 0);
    let a = library(&seed(), Some(SEED_URL));
    assert_eq!(stdout(&o), format!("{}\n", a.markdown()));
}

#[test]
fn html_output_is_the_articles_html() {
    let o = run(&[
        "extract",
        "--url",
        SEED_URL,
        "--format",
        "html",
        seed().to_str().unwrap(),
    ]);
    assert_status(&o, 0);
    let a = library(&seed(), Some(SEED_URL));
    let out = stdout(&o);
    assert_eq!(out, format!("{}\n", a.html()));
    assert!(out.contains("<p>"), "{out}");
}

fn check_article_object(v: &Value, source: &str, article: &newsdesk::Article) {
    assert_eq!(v["source"], source);
    assert_eq!(v["title"].as_str(), article.title.as_deref());
    assert_eq!(v["text"], article.text());
    assert_eq!(v["markdown"], article.markdown());
    let blocks = v["blocks"].as_array().expect("blocks array");
    assert_eq!(blocks.len(), article.blocks.len());
    for (b, want) in blocks.iter().zip(&article.blocks) {
        assert_eq!(b["kind"], want.kind());
    }
}

#[test]
fn json_output_is_one_object_with_the_article_fields() {
    let path = seed();
    let path = path.to_str().unwrap();
    let o = run(&["extract", "--url", SEED_URL, "--format", "json", path]);
    assert_status(&o, 0);
    let v: Value = serde_json::from_str(&stdout(&o)).expect("one JSON document");
    let a = library(&seed(), Some(SEED_URL));
    check_article_object(&v, path, &a);
    assert_eq!(v["published"].as_str(), a.published.as_deref());
    assert_eq!(v["url"], SEED_URL);
    assert!(v["diagnostics"].is_object());
}

#[test]
fn jsonl_output_is_one_line_per_input() {
    let path = seed();
    let path = path.to_str().unwrap();
    let o = run(&["extract", "--url", SEED_URL, "--format", "jsonl", path]);
    assert_status(&o, 0);
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    let v: Value = serde_json::from_str(out.trim_end()).unwrap();
    check_article_object(&v, path, &library(&seed(), Some(SEED_URL)));
}

// ---------------------------------------------------------------------------------------------
// Several inputs.

#[test]
fn directory_input_reads_each_html_file_sorted() {
    let dir = TempDir::new("dir");
    let b = dir.file("b.html", small_page("Towpath cleared", BODY_B).as_bytes());
    let a = dir.file("a.htm", small_page("Lighthouse vote", BODY_A).as_bytes());
    let c = dir.file("sub/c.HTML", small_page("Hall roof", BODY_C).as_bytes());
    dir.file("notes.txt", b"not a page");
    dir.file("feed.json", br#"{"not": "a page"}"#);
    let o = run(&["extract", "--format", "jsonl", dir.0.to_str().unwrap()]);
    assert_status(&o, 0);
    let sources: Vec<String> = stdout(&o)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["source"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let want: Vec<String> = [a, b, c].iter().map(|p| p.display().to_string()).collect();
    assert_eq!(sources, want);
}

#[test]
fn directory_input_in_text_format_heads_each_page() {
    let dir = TempDir::new("dir-text");
    let a = dir.file("a.html", small_page("Lighthouse vote", BODY_A).as_bytes());
    let b = dir.file("b.html", small_page("Towpath cleared", BODY_B).as_bytes());
    let o = run(&["extract", dir.0.to_str().unwrap()]);
    assert_status(&o, 0);
    assert_eq!(
        stdout(&o),
        format!(
            "==> {} <==\n{BODY_A}\n\n==> {} <==\n{BODY_B}\n",
            a.display(),
            b.display()
        )
    );
}

#[test]
fn several_inputs_as_json_give_one_object_per_line() {
    let dir = TempDir::new("several");
    let a = dir.file(
        "lighthouse.html",
        small_page("Lighthouse vote", BODY_A).as_bytes(),
    );
    let b = dir.file(
        "towpath.html",
        small_page("Towpath cleared", BODY_B).as_bytes(),
    );
    let seed = seed();
    let inputs = [
        a.to_str().unwrap(),
        seed.to_str().unwrap(),
        b.to_str().unwrap(),
    ];
    let mut args = vec!["extract", "--format", "json"];
    args.extend(inputs);
    let o = run(&args);
    assert_status(&o, 0);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    for (line, input) in lines.iter().zip(inputs) {
        let v: Value = serde_json::from_str(line).expect("each line is a JSON object");
        check_article_object(&v, input, &library(Path::new(input), None));
    }
    let first: Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(first["title"], "Lighthouse vote");
    assert_eq!(first["text"], BODY_A);
}

#[test]
fn a_bad_input_among_good_ones_is_reported_and_the_rest_still_run() {
    let dir = TempDir::new("bad");
    let good1 = dir.file("one.html", small_page("Lighthouse vote", BODY_A).as_bytes());
    let pdf = dir.file(
        "scan.html",
        b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n",
    );
    let missing = dir.0.join("missing.html");
    let empty = dir.file("empty.html", b"");
    let good2 = dir.file("two.html", small_page("Towpath cleared", BODY_B).as_bytes());
    let paths = [&good1, &pdf, &missing, &empty, &good2];
    let mut args = vec!["extract", "--format", "jsonl"];
    args.extend(paths.iter().map(|p| p.to_str().unwrap()));
    let o = run(&args);
    assert_status(&o, 1);
    let out = stdout(&o);
    let texts: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["text"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(texts, [BODY_A, BODY_B]);
    let err = stderr(&o);
    for bad in [&pdf, &missing, &empty] {
        let name = bad.display().to_string();
        assert!(
            err.lines().any(|l| l.contains(&name)),
            "stderr should name {name}:\n{err}"
        );
    }
    assert!(err.contains("PDF"), "{err}");
    assert_eq!(err.lines().count(), 3, "one line per failed input:\n{err}");
}

#[test]
fn a_bad_input_in_text_format_still_exits_1() {
    let dir = TempDir::new("bad-text");
    let good = dir.file(
        "good.html",
        small_page("Lighthouse vote", BODY_A).as_bytes(),
    );
    let missing = dir.0.join("nope.html");
    let o = run(&["extract", missing.to_str().unwrap(), good.to_str().unwrap()]);
    assert_status(&o, 1);
    assert!(stdout(&o).contains(BODY_A), "{}", stdout(&o));
    assert!(stderr(&o).contains("nope.html"), "{}", stderr(&o));
}

// ---------------------------------------------------------------------------------------------
// Usage errors exit 2.

#[test]
fn usage_errors_exit_2() {
    let page = seed();
    let page = page.to_str().unwrap();
    for args in [
        vec!["extract", "--no-such-flag", page],
        vec!["extract", "--mode", "aggressive", page],
        vec!["extract", "--format", "pdf", page],
        vec!["extract"],
        vec!["no-such-command", page],
        vec![],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{args:?}: {}", stdout(&o));
        assert!(!o.stderr.is_empty(), "{args:?}: a usage error says why");
    }
}

#[test]
fn modes_are_accepted() {
    for mode in ["precision", "balanced", "recall"] {
        let o = run(&["extract", "--mode", mode, seed().to_str().unwrap()]);
        assert_status(&o, 0);
        assert!(stdout(&o).contains("Port Callister"), "{mode}");
    }
}

// ---------------------------------------------------------------------------------------------
// stdin and --explain.

#[test]
fn dash_reads_stdin() {
    let page = fs::read(seed()).unwrap();
    let o = run_stdin(&["extract", "--url", SEED_URL, "-"], &page);
    assert_status(&o, 0);
    assert_eq!(
        stdout(&o),
        format!("{}\n", library(&seed(), Some(SEED_URL)).text())
    );

    let o = run_stdin(
        &["extract", "--format", "jsonl", "-"],
        small_page("Hall roof", BODY_C).as_bytes(),
    );
    assert_status(&o, 0);
    let v: Value = serde_json::from_str(stdout(&o).trim_end()).unwrap();
    assert_eq!(v["source"], "-");
    assert_eq!(v["text"], BODY_C);
}

#[test]
fn empty_stdin_is_an_error_naming_stdin() {
    let o = run_stdin(&["extract", "-"], b"");
    assert_status(&o, 1);
    assert!(stderr(&o).contains('-'), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
}

#[test]
fn explain_prints_removed_reasons_to_stderr() {
    let o = run(&[
        "extract",
        "--url",
        SEED_URL,
        "--explain",
        seed().to_str().unwrap(),
    ]);
    assert_status(&o, 0);
    assert_eq!(
        stdout(&o),
        format!("{}\n", library(&seed(), Some(SEED_URL)).text())
    );
    let err = stderr(&o);
    assert!(err.contains("removed [share_widget]"), "{err}");
    assert!(err.contains("removed [teaser_rail]"), "{err}");
    let teaser = err
        .lines()
        .find(|l| l.starts_with("removed [teaser_rail]"))
        .unwrap();
    assert!(teaser.contains("Oak Hollow"), "{teaser}");
}

#[test]
fn explain_in_json_puts_removed_in_the_object() {
    let o = run(&[
        "extract",
        "--url",
        SEED_URL,
        "--explain",
        "--format",
        "json",
        seed().to_str().unwrap(),
    ]);
    assert_status(&o, 0);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let reasons: Vec<&str> = v["removed"]
        .as_array()
        .expect("removed array")
        .iter()
        .map(|r| r["reason"].as_str().unwrap())
        .collect();
    assert!(reasons.contains(&"teaser_rail"), "{reasons:?}");
    assert!(reasons.contains(&"share_widget"), "{reasons:?}");
    assert!(!stderr(&o).contains("removed ["), "{}", stderr(&o));
}
