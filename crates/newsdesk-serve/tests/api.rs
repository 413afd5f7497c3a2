//! The API and the reader end to end: a real store (SQLite, tantivy) filled through the batch
//! pipeline, a real server on a loopback port, plain HTTP requests.

mod common;

use std::collections::HashSet;

use common::{Server, filled, page, scratch};
use newsdesk_serve::{App, Config};
use newsdesk_store::Store;

fn error_code(r: &common::Reply) -> String {
    let v = r.json();
    assert_eq!(v["error"]["status"].as_u64(), Some(u64::from(r.status)));
    v["error"]["code"].as_str().unwrap_or_default().to_owned()
}

#[test]
fn api_end_to_end() {
    let (_dir, store, _) = filled("api");
    let s = Server::start(store);

    let health = s.json("/api/health");
    assert_eq!(health["status"], "ok");
    assert_eq!(health["store"]["articles"], 96);
    assert_eq!(health["store"]["indexed"], 96);

    // Search: BM25 hits, filters, paging.
    let res = s.json("/api/search?q=wildfire+evacuations");
    assert!(res["total"].as_u64().unwrap_or(0) >= 2, "{res}");
    let first = &res["items"][0];
    assert!(
        first["title"]
            .as_str()
            .unwrap_or("")
            .to_lowercase()
            .contains("fire"),
        "{res}"
    );
    let id = first["id"].as_str().expect("id").to_owned();
    let site = first["site"].as_str().expect("site").to_owned();
    let filtered = s.json(&format!(
        "/api/search?q=wildfire&site={}",
        site.replace(' ', "+")
    ));
    assert!(
        filtered["items"]
            .as_array()
            .is_some_and(|a| !a.is_empty() && a.iter().all(|i| i["site"] == site.as_str()))
    );
    let dated = s.json("/api/search?q=wildfire&from=2024-03-01&to=2024-03-05");
    for it in dated["items"].as_array().expect("items") {
        let d = it["date"].as_str().unwrap_or("");
        assert!(("2024-03-01"..="2024-03-05").contains(&d), "{d}");
    }
    let none = s.json("/api/search?q=wildfire&from=2030-01-01");
    assert_eq!(none["total"], 0);
    let latest = s.json("/api/search");
    assert_eq!(latest["items"].as_array().map(Vec::len), Some(10));
    let p2 = s.json("/api/search?page=2");
    assert_ne!(latest["items"][0]["id"], p2["items"][0]["id"]);
    let lang = s.json("/api/search?q=rocket&lang=en");
    assert!(lang["total"].as_u64().unwrap_or(0) >= 1);
    // Query syntax never fails.
    let odd = s.get("/api/search?q=%22unbalanced+(AND+OR+%5B");
    assert_eq!(odd.status, 200, "{}", odd.body);

    // One article, its story, its related rail.
    let a = s.json(&format!("/api/articles/{id}"));
    assert_eq!(a["id"], id.as_str());
    assert!(
        a["article"]["blocks"]
            .as_array()
            .is_some_and(|b| !b.is_empty())
    );
    let story = a["story"].as_i64().expect("story");
    let st = s.json(&format!("/api/stories/{story}"));
    assert!(
        st["articles"]
            .as_array()
            .is_some_and(|v| v.iter().any(|x| x["id"] == id.as_str()))
    );
    let rel = s.json(&format!("/api/articles/{id}/related"));
    let items = rel["items"].as_array().expect("items");
    assert_eq!(items.len(), 8, "k defaults to 8");
    let mut stories = HashSet::new();
    for it in items {
        assert_ne!(it["id"], id.as_str());
        assert_ne!(it["story"].as_i64(), Some(story));
        assert!(stories.insert(it["story"].as_i64()));
    }
    let rel2 = s.json(&format!("/api/articles/{id}/related?k=2"));
    assert_eq!(rel2["items"].as_array().map(Vec::len), Some(2));

    // A story with copies lists them all, original first.
    let copies = s.json("/api/search?q=%22ridge+fire%22");
    let cid = copies["items"][0]["id"].as_str().expect("id");
    let cstory = s.json(&format!("/api/articles/{cid}"))["story"]
        .as_i64()
        .expect("story");
    let cs = s.json(&format!("/api/stories/{cstory}"));
    assert_eq!(cs["articles"].as_array().map(Vec::len), Some(3), "{cs}");
    assert_eq!(cs["articles"][0]["original"], true);
    assert_eq!(cs["original"], cs["articles"][0]["id"]);

    // Errors: JSON with a fitting status.
    for (path, status, code) in [
        ("/api/articles/0123456789abcdef", 404, "not_found"),
        ("/api/articles/..%2F..%2Fetc%2Fpasswd", 404, "not_found"),
        ("/api/articles/0123456789abcdef/related", 404, "not_found"),
        ("/api/stories/999999", 404, "not_found"),
        ("/api/stories/abc", 404, "not_found"),
        ("/api/search?page=0", 400, "bad_request"),
        ("/api/search?page=101", 400, "bad_request"),
        ("/api/search?from=yesterday", 400, "bad_request"),
        ("/api/nothing", 404, "not_found"),
    ] {
        let r = s.get(path);
        assert_eq!(r.status, status, "{path}: {}", r.body);
        assert_eq!(error_code(&r), code, "{path}");
    }
    let r = s.get(&format!("/api/articles/{id}/related?k=0"));
    assert_eq!((r.status, error_code(&r).as_str()), (400, "bad_request"));
    let long = "x".repeat(600);
    let r = s.get(&format!("/api/search?q={long}"));
    assert_eq!(r.status, 400);
    let r = s.post("/api/health", "application/json", b"{}");
    assert_eq!(
        (r.status, error_code(&r).as_str()),
        (405, "method_not_allowed")
    );

    // Posting pages: JSON and raw HTML; re-posting replaces.
    let paragraphs = vec![
        "The harbour authority opened a new ferry terminal on the east quay on Monday, replacing a wooden pier that had served island routes for sixty years.".to_owned(),
        "The terminal has covered waiting rooms, step-free boarding and chargers for the two electric ferries that join the fleet this summer.".to_owned(),
        "Island residents said the crossing would be shorter and quieter, and the authority expects passenger numbers to grow by a fifth.".to_owned(),
    ];
    let url = "https://harbour-gazette.example/news/ferry-terminal-opens";
    let html = page(
        "The Harbour Gazette",
        url,
        "New ferry terminal opens on the east quay",
        "Ana Ruiz",
        "2024-04-02",
        &paragraphs,
        None,
    );
    let body = serde_json::json!({ "url": url, "html": html }).to_string();
    let r = s.post("/api/articles", "application/json", body.as_bytes());
    assert_eq!(r.status, 201, "{}", r.body);
    let added = r.json();
    let new_id = added["id"].as_str().expect("id").to_owned();
    assert_eq!(
        r.header("location"),
        Some(format!("/api/articles/{new_id}").as_str())
    );
    let got = s.json(&format!("/api/articles/{new_id}"));
    assert_eq!(got["title"], "New ferry terminal opens on the east quay");
    let found = s.json("/api/search?q=ferry+terminal");
    assert_eq!(found["items"][0]["id"], new_id.as_str());
    let r = s.post(
        &format!("/api/articles?url={url}"),
        "text/html; charset=utf-8",
        html.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["created"], false);
    assert_eq!(s.json("/api/health")["store"]["articles"], 97);

    // Bad posts.
    let r = s.post("/api/articles", "application/json", b"{not json");
    assert_eq!((r.status, error_code(&r).as_str()), (400, "bad_request"));
    let r = s.post(
        "/api/articles",
        "application/json",
        br#"{"url":"file:///etc/passwd","html":"<p>x</p>"}"#,
    );
    assert_eq!((r.status, error_code(&r).as_str()), (400, "bad_request"));
    let r = s.post(
        "/api/articles?url=https://a.example/",
        "text/html",
        b"<html><head><title>t</title></head><body></body></html>",
    );
    assert_eq!((r.status, error_code(&r).as_str()), (422, "no_article"));
    let r = s.post("/api/articles?url=https://a.example/", "text/html", b"");
    assert_eq!(r.status, 422, "{}", r.body);
    // Past the body cap: refused before it is read in full.
    let huge = vec![b'a'; Config::default().max_body + 1];
    let r = s.post("/api/articles?url=https://a.example/", "text/html", &huge);
    assert_eq!(r.status, 413, "{}", r.body);

    // The reader.
    let home = s.get("/");
    assert_eq!(home.status, 200);
    assert!(
        home.header("content-type")
            .is_some_and(|c| c.starts_with("text/html"))
    );
    assert!(
        home.body.contains("<h1>Latest stories</h1>") && home.body.contains("3 outlets"),
        "{}",
        home.body
    );
    let sp = s.get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    assert_eq!(sp.status, 200);
    assert!(!sp.body.contains("<script>") && sp.body.contains("&lt;script&gt;"));
    let ap = s.get(&format!("/a/{cid}"));
    assert_eq!(ap.status, 200);
    for needle in [
        "<article>",
        "Also published by",
        "You May Also Like",
        "By <span class=\"authors\">",
        "<time datetime=",
    ] {
        assert!(ap.body.contains(needle), "{needle} missing from /a/{cid}");
    }
    let missing = s.get("/a/0123456789abcdef");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<html"));
    assert_eq!(s.get("/a/../../etc/passwd").status, 404);
    assert_eq!(s.get("/static/../../Cargo.toml").status, 404);
}

/// Every path in the served OpenAPI document answers (with the documented success status
/// for GETs), so the spec cannot drift from the routes.
#[test]
fn openapi_paths_all_answer() {
    let (_dir, store, _) = filled("openapi");
    let s = Server::start(store);
    let spec = s.json("/api/openapi.json");
    let any = s.json("/api/search?q=rocket");
    let id = any["items"][0]["id"].as_str().expect("id").to_owned();
    let story = any["items"][0]["story"]
        .as_i64()
        .expect("story")
        .to_string();
    let paths = spec["paths"].as_object().expect("paths");
    assert_eq!(paths.len(), 7);
    for (path, ops) in paths {
        let concrete = path.replace("{id}", &id).replace("{story}", &story);
        for method in ops.as_object().expect("operations").keys() {
            let r = match method.as_str() {
                "get" => s.get(&concrete),
                "post" => s.post(&concrete, "application/json", br#"{"url":"https://a.example/x","html":"<html><body><p>too short</p></body></html>"}"#),
                other => panic!("undocumented method {other}"),
            };
            let documented = ops[method]["responses"]
                .as_object()
                .is_some_and(|rs| rs.contains_key(&r.status.to_string()));
            assert!(
                documented,
                "{method} {concrete}: {} not documented ({})",
                r.status, r.body
            );
            if method == "get" {
                assert_eq!(r.status, 200, "{concrete}: {}", r.body);
            }
        }
    }
}

fn panicking_extract(
    _: &[u8],
    _: &newsdesk::Options,
) -> Result<newsdesk::Article, newsdesk::Error> {
    panic!("fault injected by the test")
}

/// A panic inside extraction fails that request only; the server keeps answering.
#[test]
fn extraction_panic_is_contained() {
    let dir = scratch("panic");
    let store = Store::open(&dir).expect("open store");
    let mut app = App::new(store, Config::default());
    app.extract = panicking_extract;
    let s = Server::start_app(app);
    for _ in 0..3 {
        let r = s.post(
            "/api/articles?url=https://a.example/p",
            "text/html",
            b"<p>hello</p>",
        );
        assert_eq!(r.status, 500, "{}", r.body);
        assert_eq!(error_code(&r), "extraction_panicked");
    }
    assert_eq!(s.json("/api/health")["status"], "ok");
}
