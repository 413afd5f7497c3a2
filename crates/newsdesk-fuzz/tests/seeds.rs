//! Every fuzz target's body over its seed corpus, and over the inputs that once broke it
//! (`tests/regressions/<target>/<name>`), on stable: what `cargo test` can check of the fuzz
//! targets without nightly.

use std::path::Path;

use newsdesk_fuzz::seeds;

fn body(target: &str) -> fn(&[u8]) {
    match target {
        "extract" => newsdesk_fuzz::extract,
        "warc" => newsdesk_fuzz::warc,
        "dates" => newsdesk_fuzz::dates,
        "markdown" => newsdesk_fuzz::markdown,
        _ => panic!("no fuzz target {target:?}"),
    }
}

fn run_seeds(target: &str) {
    let seeds = seeds::for_target(target).expect("seeds");
    assert!(seeds.len() >= 5, "{target}: only {} seeds", seeds.len());
    let f = body(target);
    for (name, bytes) in &seeds {
        eprintln!("{target}/{name} ({} bytes)", bytes.len());
        f(bytes);
    }
}

#[test]
fn extract_seeds() {
    newsdesk_fuzz::warm_up();
    run_seeds("extract");
}

#[test]
fn warc_seeds() {
    run_seeds("warc");
}

#[test]
fn dates_seeds() {
    run_seeds("dates");
}

#[test]
fn markdown_seeds() {
    run_seeds("markdown");
}

/// The renderers' checks on the blocks real extraction gives (the markdown target's
/// `arbitrary` blocks are random, these are realistic).
#[test]
fn fixture_blocks_render_cleanly() {
    for page in newsdesk_testdata::pack::fixture_pages().expect("fixtures") {
        let a = newsdesk::extract(&page.body, &newsdesk::Options::default()).expect("fixture");
        assert!(!a.blocks.is_empty(), "{}", page.url);
        newsdesk_fuzz::check_blocks(&a.blocks);
        // Every block kind maps to the fuzzer's mirror and back unchanged.
        for b in &a.blocks {
            assert_eq!(&newsdesk_fuzz::FuzzBlock::from_block(b).into_block(), b);
        }
    }
}

/// Runs one stored regression input through its target's body.
fn regression(target: &str, name: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/regressions")
        .join(target)
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    body(target)(&bytes);
}

/// `find_all_in_text` gave overlapping ranges: the first date's range grew over the time after
/// it ("7Mar 2024 10:30"), and the next date match started inside that time.
#[test]
fn dates_bb7723b5_time_overlaps_next_date() {
    regression("dates", "bb7723b5-time-overlaps-next-date");
}

/// `to_markdown` wrote an image's `src` as it was: a URL holding line breaks and the page's
/// markup ended the link, and `</div>` came through as raw HTML.
#[test]
fn extract_4e1ac38d_image_src_with_markup() {
    regression("extract", "4e1ac38d-image-src-with-markup");
}
