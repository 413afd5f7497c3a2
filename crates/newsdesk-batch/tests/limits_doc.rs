//! docs/limits.md states the batch pipeline's in-flight bounds; this keeps the table in step
//! with `Config::new` (the per-page limits are checked in crates/newsdesk/tests/limits_doc.rs).

use std::path::{Path, PathBuf};

fn documented(doc: &str, name: &str) -> usize {
    let row = doc
        .lines()
        .find(|l| l.starts_with(&format!("| `{name}` |")))
        .unwrap_or_else(|| panic!("docs/limits.md has no row for `{name}`"));
    row.split('|')
        .nth(2)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("docs/limits.md: no number in the row for `{name}`: {row}"))
}

#[test]
fn limits_doc_matches_the_batch_defaults() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/limits.md");
    let doc = std::fs::read_to_string(&path).expect("read docs/limits.md");
    let c = newsdesk_batch::Config::new(Vec::new(), PathBuf::from("out.jsonl"));
    assert_eq!(documented(&doc, "max_in_flight"), c.max_in_flight);
    assert_eq!(
        documented(&doc, "max_in_flight_bytes"),
        c.max_in_flight_bytes
    );
    // The pages are extracted with the library's limits, not a copy of them.
    assert_eq!(c.limits, newsdesk::Limits::default());
}
