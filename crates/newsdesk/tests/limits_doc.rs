//! docs/limits.md states the defaults of `newsdesk::Limits`; this keeps the two in step.

use newsdesk_testdata::bounded::documented_number;
use std::path::Path;

#[test]
fn limits_doc_matches_the_defaults() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/limits.md");
    let doc = std::fs::read_to_string(&path).expect("read docs/limits.md");
    let d = newsdesk::Limits::default();
    assert_eq!(documented_number(&doc, "max_bytes"), d.max_bytes as u64);
    assert_eq!(documented_number(&doc, "max_nodes"), d.max_nodes as u64);
    assert_eq!(documented_number(&doc, "max_depth"), d.max_depth as u64);
    assert_eq!(
        documented_number(&doc, "time_budget_ms"),
        d.time_budget.as_millis() as u64
    );
}
