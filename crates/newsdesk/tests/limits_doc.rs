//! docs/limits.md states the defaults of `newsdesk::Limits`; this keeps the two in step.

use std::path::Path;

fn documented(doc: &str, name: &str) -> u64 {
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
fn limits_doc_matches_the_defaults() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/limits.md");
    let doc = std::fs::read_to_string(&path).expect("read docs/limits.md");
    let d = newsdesk::Limits::default();
    assert_eq!(documented(&doc, "max_bytes"), d.max_bytes as u64);
    assert_eq!(documented(&doc, "max_nodes"), d.max_nodes as u64);
    assert_eq!(documented(&doc, "max_depth"), d.max_depth as u64);
    assert_eq!(
        documented(&doc, "time_budget_ms"),
        d.time_budget.as_millis() as u64
    );
}
