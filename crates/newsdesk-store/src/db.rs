//! SQLite: the schema, its version, and a small pool of read connections.
//!
//! SQLite is the store's source of truth; the tantivy index is derived from it and rebuilt
//! when the two disagree. WAL mode lets readers run while one writer commits, and every
//! write is one transaction, so a killed process leaves the last committed state.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, params};

use crate::error::StoreError;
use crate::record::Record;

/// The schema this code writes; stored in `PRAGMA user_version`.
pub const SCHEMA_VERSION: i64 = 1;

const SCHEMA_V1: &str = "
CREATE TABLE articles (
    id          TEXT PRIMARY KEY,
    url         TEXT,
    title       TEXT NOT NULL,
    site        TEXT,
    lang        TEXT,
    published   TEXT,
    sort_ts     INTEGER NOT NULL,
    excerpt     TEXT NOT NULL,
    lead        TEXT NOT NULL,
    text        TEXT NOT NULL,
    image       TEXT,
    canonical   TEXT,
    syndication TEXT,
    credit_orgs TEXT NOT NULL,
    article     TEXT NOT NULL,
    ingested_ts INTEGER NOT NULL,
    story       INTEGER NOT NULL DEFAULT 0,
    is_original INTEGER NOT NULL DEFAULT 1,
    duplicate   TEXT
);
CREATE INDEX articles_story ON articles(story);
CREATE INDEX articles_sort ON articles(sort_ts DESC);
CREATE TABLE stories (
    id        INTEGER PRIMARY KEY,
    original  TEXT NOT NULL,
    copies    INTEGER NOT NULL,
    latest_ts INTEGER NOT NULL
);
CREATE INDEX stories_latest ON stories(latest_ts DESC);
CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO meta (key, value) VALUES ('generation', 0);
";

/// Opens (creating if needed) the database and brings its schema up to date.
pub fn open_write(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open(path)?;
    configure(&conn)?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if version == 0 {
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(SCHEMA_V1)?;
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        tx.commit()?;
    }
    Ok(conn)
}

fn configure(conn: &Connection) -> Result<(), StoreError> {
    conn.busy_timeout(Duration::from_secs(10))?;
    // WAL: readers never block the writer; NORMAL sync is safe against a killed process
    // (only a power cut can lose the last transaction, never corrupt the file).
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

/// Read connections, reused: opening one per request would cost more than most queries.
pub struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
}

/// Connections kept idle, at most; more are opened under load and closed after use.
const MAX_IDLE: usize = 16;

impl Pool {
    pub fn new(path: PathBuf) -> Pool {
        Pool {
            path,
            idle: Mutex::new(Vec::new()),
        }
    }

    /// Runs `f` with a read-only connection.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let conn = self.idle.lock().ok().and_then(|mut v| v.pop());
        let conn = match conn {
            Some(c) => c,
            None => {
                let c = Connection::open_with_flags(
                    &self.path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                c.busy_timeout(Duration::from_secs(10))?;
                c
            }
        };
        let out = f(&conn);
        if let Ok(mut idle) = self.idle.lock()
            && idle.len() < MAX_IDLE
        {
            idle.push(conn);
        }
        out
    }
}

/// Inserts or replaces one article (grouping fields are set by the regroup that follows).
pub fn upsert(conn: &Connection, r: &Record, now: i64) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO articles (id, url, title, site, lang, published, sort_ts, excerpt, lead,
             text, image, canonical, syndication, credit_orgs, article, ingested_ts)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
         ON CONFLICT(id) DO UPDATE SET url = excluded.url, title = excluded.title,
             site = excluded.site, lang = excluded.lang, published = excluded.published,
             sort_ts = excluded.sort_ts, excerpt = excluded.excerpt, lead = excluded.lead,
             text = excluded.text, image = excluded.image, canonical = excluded.canonical,
             syndication = excluded.syndication, credit_orgs = excluded.credit_orgs,
             article = excluded.article, ingested_ts = excluded.ingested_ts",
    )?;
    stmt.execute(params![
        r.id,
        r.url,
        r.title,
        r.site,
        r.lang,
        r.published,
        r.sort_ts,
        r.excerpt,
        r.lead,
        r.text,
        r.image,
        r.canonical,
        r.syndication,
        r.credit_orgs,
        r.article_json,
        now,
    ])?;
    Ok(())
}

/// The store's write generation: bumped by every write transaction and recorded in the
/// search index's commit, so a mismatch after a crash is detected.
pub fn generation(conn: &Connection) -> Result<i64, StoreError> {
    Ok(
        conn.query_row("SELECT value FROM meta WHERE key = 'generation'", [], |r| {
            r.get(0)
        })?,
    )
}

pub fn bump_generation(conn: &Connection) -> Result<i64, StoreError> {
    conn.execute(
        "UPDATE meta SET value = value + 1 WHERE key = 'generation'",
        [],
    )?;
    generation(conn)
}
