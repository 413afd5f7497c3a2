//! docs/limits.md states the batch pipeline's in-flight bounds; this keeps the table in step
//! with `Config::new` (the per-page limits are checked in crates/newsdesk/tests/limits_doc.rs).

use newsdesk_testdata::bounded::documented_number;
use std::path::{Path, PathBuf};

#[test]
fn limits_doc_matches_the_batch_defaults() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/limits.md");
    let doc = std::fs::read_to_string(&path).expect("read docs/limits.md");
    let c = newsdesk_batch::Config::new(Vec::new(), PathBuf::from("out.jsonl"));
    assert_eq!(
        documented_number(&doc, "max_in_flight"),
        c.max_in_flight as u64
    );
    assert_eq!(
        documented_number(&doc, "max_in_flight_bytes"),
        c.max_in_flight_bytes as u64
    );
    // The pages are extracted with the library's limits, not a copy of them.
    assert_eq!(c.limits, newsdesk::Limits::default());
}
