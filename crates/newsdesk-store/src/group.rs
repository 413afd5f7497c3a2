//! Story groups over the whole store.
//!
//! After every write the store's articles are grouped again with `newsdesk-dedup` (the same
//! grouping as `newsdesk batch --dedup`), so a copy ingested today joins the story of an
//! original ingested last week. Grouping is fast (tens of thousands of articles a second) and
//! needs the texts only, which SQLite hands over in one scan.
//!
//! Story numbers are kept stable across regroups: a group takes the smallest existing number
//! among its members (merged stories keep the older number), and only a group with no
//! numbered member gets a new one. Links to `/api/stories/{story}` therefore survive
//! ingests, except for a story merged into another.

use std::collections::{BTreeMap, HashSet};

use newsdesk_dedup::{Deduper, Doc, Params};
use rusqlite::{Connection, params};

use crate::error::StoreError;

struct Row {
    id: String,
    text: String,
    url: Option<String>,
    canonical: Option<String>,
    site: Option<String>,
    published: Option<String>,
    syndication: Option<String>,
    credit_orgs: String,
    story: i64,
    is_original: bool,
    duplicate: Option<String>,
    sort_ts: i64,
}

/// What a regroup found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GroupStats {
    pub articles: u64,
    pub stories: u64,
}

/// Regroups every article, inside the caller's transaction.
pub fn regroup(conn: &Connection) -> Result<GroupStats, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT id, text, url, canonical, site, published, syndication, credit_orgs, story,
                is_original, duplicate, sort_ts
         FROM articles ORDER BY sort_ts, id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Row {
                id: r.get(0)?,
                text: r.get(1)?,
                url: r.get(2)?,
                canonical: r.get(3)?,
                site: r.get(4)?,
                published: r.get(5)?,
                syndication: r.get(6)?,
                credit_orgs: r.get(7)?,
                story: r.get(8)?,
                is_original: r.get::<_, i64>(9)? != 0,
                duplicate: r.get(10)?,
                sort_ts: r.get(11)?,
            })
        })?
        .collect::<Result<Vec<Row>, _>>()?;
    let mut dedup = Deduper::new(Params::default());
    for r in &rows {
        dedup.add(&Doc {
            text: &r.text,
            url: r.url.as_deref(),
            canonical_url: r.canonical.as_deref(),
            site_name: r.site.as_deref(),
            published: r.published.as_deref(),
            syndication_source: r.syndication.as_deref(),
            credit_organisations: r
                .credit_orgs
                .split('\t')
                .filter(|s| !s.is_empty())
                .collect(),
        });
    }
    let assignments = dedup.finish();

    // Members of each new group, in input order.
    let mut groups: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
    for (i, a) in assignments.iter().enumerate() {
        groups.entry(a.story).or_default().push(i);
    }
    let mut next = rows.iter().map(|r| r.story).max().unwrap_or(0).max(0) + 1;
    let mut taken: HashSet<i64> = HashSet::new();
    // Groups holding older numbered members choose first, so a merge keeps the oldest number.
    let mut order: Vec<(&u64, &Vec<usize>)> = groups.iter().collect();
    order.sort_by_key(|(_, m)| {
        m.iter()
            .map(|&i| rows[i].story)
            .filter(|&s| s > 0)
            .min()
            .unwrap_or(i64::MAX)
    });
    let mut update = conn.prepare_cached(
        "UPDATE articles SET story = ?2, is_original = ?3, duplicate = ?4 WHERE id = ?1",
    )?;
    conn.execute("DELETE FROM stories", [])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO stories (id, original, copies, latest_ts) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (_, members) in order {
        let mut olds: Vec<i64> = members
            .iter()
            .map(|&i| rows[i].story)
            .filter(|&s| s > 0)
            .collect();
        olds.sort_unstable();
        let story = match olds.into_iter().find(|s| !taken.contains(s)) {
            Some(s) => s,
            None => {
                next += 1;
                next - 1
            }
        };
        taken.insert(story);
        let original = assignments[members[0]].original;
        for &i in members {
            let a = &assignments[i];
            let r = &rows[i];
            let is_original = i == original;
            let duplicate = a.duplicate.map(|d| d.as_str().to_owned());
            if r.story != story || r.is_original != is_original || r.duplicate != duplicate {
                update.execute(params![r.id, story, i64::from(is_original), duplicate])?;
            }
        }
        let latest = members.iter().map(|&i| rows[i].sort_ts).max().unwrap_or(0);
        insert.execute(params![
            story,
            rows[original].id,
            members.len() as i64,
            latest
        ])?;
    }
    Ok(GroupStats {
        articles: rows.len() as u64,
        stories: groups.len() as u64,
    })
}
