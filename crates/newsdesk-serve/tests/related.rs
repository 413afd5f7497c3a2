//! "You May Also Like" on the labelled collection (`tests/fixtures/related.txt`: 64 articles
//! in 8 topics, plus two syndicated copies of every fourth one), through the real server:
//! precision@3 of same-topic items must reach 0.9, and no rail may hold a copy of the
//! article's own story or two articles of one story.

mod common;

use std::collections::{HashMap, HashSet};

use common::{Server, filled};

#[test]
fn related_precision_at_3_on_labelled_collection() {
    let (_dir, store, truth) = filled("related");
    let server = Server::start(store);

    // Map each stored article back to its label through its URL.
    let mut by_id: HashMap<String, &common::PageTruth> = HashMap::new();
    let mut story_of: HashMap<String, i64> = HashMap::new();
    for page in 1..=20 {
        let res = server.json(&format!("/api/search?page={page}"));
        let items = res["items"].as_array().expect("items");
        if items.is_empty() {
            break;
        }
        for it in items {
            let url = it["url"].as_str().expect("url");
            let t = truth.iter().find(|t| t.url == url).expect("known url");
            let id = it["id"].as_str().expect("id").to_owned();
            story_of.insert(id.clone(), it["story"].as_i64().expect("story"));
            by_id.insert(id, t);
        }
    }
    assert_eq!(by_id.len(), truth.len());

    // Every copy must share its original's story, or "never a copy" means nothing.
    let mut story_by_original: HashMap<usize, HashSet<i64>> = HashMap::new();
    for (id, t) in &by_id {
        story_by_original
            .entry(t.original)
            .or_default()
            .insert(story_of[id]);
    }
    let split: Vec<_> = story_by_original
        .iter()
        .filter(|(_, s)| s.len() > 1)
        .collect();
    assert!(
        split.is_empty(),
        "copies not grouped with their original: {split:?}"
    );

    let (mut hits, mut shown, mut copies_shown) = (0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    for (id, t) in &by_id {
        let res = server.json(&format!("/api/articles/{id}/related?k=3"));
        let items = res["items"].as_array().expect("items");
        assert_eq!(items.len(), 3, "three related for {}", t.url);
        let mut stories = HashSet::new();
        for it in items {
            let rid = it["id"].as_str().expect("id");
            let rt = by_id[rid];
            assert!(
                stories.insert(story_of[rid]),
                "two items of one story for {}",
                t.url
            );
            if rid == id || rt.original == t.original || story_of[rid] == story_of[id] {
                copies_shown += 1;
            }
            shown += 1;
            if rt.topic == t.topic {
                hits += 1;
            } else {
                misses.push(format!(
                    "{} ({}) -> {} ({})",
                    t.url, t.topic, rt.url, rt.topic
                ));
            }
        }
    }
    let precision = hits as f64 / shown as f64;
    println!(
        "related precision@3 = {precision:.3} ({hits}/{shown}) over {} articles in 8 topics; copies of the same story shown: {copies_shown}",
        by_id.len()
    );
    for m in &misses {
        println!("  off-topic: {m}");
    }
    assert_eq!(
        copies_shown, 0,
        "a copy of the article's own story was related"
    );
    assert!(precision >= 0.9, "precision@3 {precision:.3} below 0.9");
}
