//! The syndication set end to end: pages packed into a real WARC, run through the batch
//! pipeline with `--dedup`, scored against the truth. The debug test uses 40 stories; the full
//! 240-story measurement is `#[ignore]`d here and documented in `docs/batch.md`.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use newsdesk_testdata::syndication::{self, Kind, PairScore};

fn run(stories: usize, seed: u64, name: &str) -> PairScore {
    let dir = std::env::temp_dir().join(format!("newsdesk-synd-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let pages = syndication::build(stories, seed);

    // The set is what it claims: every main story has an original and at least 2 copies on
    // other sites, and there are hard negatives (follow-ups on the same topic and town).
    let mut per_story: BTreeMap<u32, Vec<Kind>> = BTreeMap::new();
    for p in &pages {
        per_story
            .entry(p.truth.story)
            .or_default()
            .push(p.truth.kind);
    }
    let mains: Vec<&Vec<Kind>> = per_story
        .values()
        .filter(|k| k.contains(&Kind::Original))
        .collect();
    assert_eq!(mains.len(), stories);
    assert!(mains.iter().all(|k| k.len() >= 3));
    assert!(pages.iter().any(|p| p.truth.kind == Kind::FollowUp));

    let warc = dir.join("set.warc.gz");
    newsdesk_testdata::write_set_warc(&warc, &pages).unwrap();
    let out: PathBuf = dir.join("out.jsonl");
    let mut config = newsdesk_batch::Config::new(vec![warc], out.clone());
    config.dedup = true;
    config.jobs = 2;
    let summary = newsdesk_batch::run(&config).unwrap();
    assert_eq!(summary.ok as usize, pages.len(), "{summary}");

    let rows: Vec<serde_json::Value> = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let url_of: HashMap<&str, &str> = rows
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["url"].as_str().unwrap()))
        .collect();
    let predicted: Vec<(String, u64, String)> = rows
        .iter()
        .map(|r| {
            (
                r["url"].as_str().unwrap().to_owned(),
                r["story"].as_u64().unwrap(),
                url_of[r["original"].as_str().unwrap()].to_owned(),
            )
        })
        .collect();
    let truth: Vec<_> = pages.into_iter().map(|p| p.truth).collect();
    let _ = std::fs::remove_dir_all(&dir);
    syndication::score(&truth, &predicted)
}

#[test]
fn syndicated_copies_group_and_distinct_stories_do_not() {
    let s = run(40, 3, "small");
    assert!(s.precision >= 0.98, "{s:?}");
    assert!(s.recall >= 0.95, "{s:?}");
    assert!(
        s.originals_right as f64 >= 0.9 * s.originals as f64,
        "{s:?}"
    );
}

/// The full set (as in docs/batch.md): `cargo test --release -p newsdesk-testdata -- --ignored`.
#[test]
#[ignore = "full syndication set; run in release"]
fn full_syndication_set() {
    let s = run(240, 7, "full");
    eprintln!("{s:?}");
    assert!(s.precision >= 0.98, "{s:?}");
    assert!(s.recall >= 0.95, "{s:?}");
}
