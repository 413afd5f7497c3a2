//! newsdesk's article store: what `newsdesk serve` shows and `newsdesk ingest` fills.
//!
//! ```no_run
//! let store = newsdesk_store::Store::open("newsdesk-data".as_ref())?;
//! store.ingest(&["crawl.warc.gz".into()], &Default::default())?;
//! let page = store.search(&newsdesk_store::SearchParams { q: "flood".into(), ..Default::default() })?;
//! for hit in &page.items {
//!     let rail = store.related(&hit.id, 8)?;
//! }
//! # Ok::<(), newsdesk_store::StoreError>(())
//! ```
//!
//! A data directory holds `newsdesk.db` (SQLite: articles, story groups, the schema version
//! and a write generation) and `index-v1/` (tantivy). SQLite is the truth; the index is
//! rebuilt from it whenever their generations differ, so a process killed between the two
//! commits costs a rebuild at the next start, never a wrong answer.
//!
//! # Why these crates
//!
//! - **rusqlite** with SQLite bundled: nothing to install, one file, WAL mode so the server
//!   reads while `newsdesk ingest` writes, and transactions that a `kill -9` cannot tear.
//! - **tantivy**: BM25 search with English stemming and a more-like-this query in-process,
//!   with a few milliseconds per query at the sizes this serves; only the `mmap`,
//!   `lz4-compression`, `stemmer` and `stopwords` features, for compile time.

mod db;
mod error;
mod group;
pub mod ids;
mod index;
mod ingest;
mod record;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use newsdesk::Article;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};
use serde::Serialize;

pub use error::StoreError;
pub use group::GroupStats;
pub use ids::{article_id, day_of, is_article_id, parse_day};
pub use index::Filter;
pub use ingest::{IngestOptions, IngestReport};
pub use record::{Record, clip};

/// Hits per search page.
pub const PER_PAGE: usize = 10;
/// Pages a search can go to: deep pages cost the index more and nobody reads them.
pub const MAX_PAGE: u32 = 100;
/// Related articles per request, at most.
pub const MAX_RELATED: usize = 50;
/// Stories per page of the latest list, at most.
pub const MAX_LATEST: usize = 100;
/// How much recency counts in "related" (the rest is content similarity), and its half-life:
/// among equally similar articles the newer wins, but a much closer match always beats a
/// newer one.
const RECENCY_WEIGHT: f32 = 0.2;
const RECENCY_HALF_LIFE_DAYS: f32 = 30.0;

/// A line of a listing: enough to show a link to the article.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    pub id: String,
    pub url: Option<String>,
    pub title: String,
    pub site: Option<String>,
    pub lang: Option<String>,
    /// The publication date as the page gave it.
    pub published: Option<String>,
    /// The day the article is sorted by (`YYYY-MM-DD`): published, else crawled, else ingested.
    pub date: String,
    pub story: i64,
    /// This article is its story's original (the others are copies).
    pub original: bool,
    pub excerpt: String,
    pub image: Option<String>,
}

/// One article with its place in its story.
#[derive(Clone, Debug, Serialize)]
pub struct StoredArticle {
    #[serde(flatten)]
    pub summary: Summary,
    /// `exact` or `near` for a copy, absent for an original.
    pub duplicate: Option<String>,
    pub article: Article,
}

/// A story on the latest list.
#[derive(Clone, Debug, Serialize)]
pub struct StorySummary {
    /// The story's original.
    #[serde(flatten)]
    pub summary: Summary,
    /// Articles in the story (the original and its copies).
    pub copies: i64,
}

/// All copies of one story, the original first.
#[derive(Clone, Debug, Serialize)]
pub struct StoryView {
    pub story: i64,
    pub original: Option<String>,
    pub articles: Vec<Summary>,
}

/// An item of a "You May Also Like" rail.
#[derive(Clone, Debug, Serialize)]
pub struct Related {
    #[serde(flatten)]
    pub summary: Summary,
    /// Content similarity blended with recency, 0 to 1.
    pub score: f32,
}

/// A search request, validated by the caller (dates as seconds since 1970).
#[derive(Clone, Debug, Default)]
pub struct SearchParams {
    pub q: String,
    pub filter: Filter,
    /// 1-based; clamped to `1..=MAX_PAGE`.
    pub page: u32,
}

#[derive(Clone, Debug, Serialize)]
pub struct SearchPage {
    pub q: String,
    pub page: u32,
    pub per_page: usize,
    pub total: u64,
    pub pages: u32,
    pub items: Vec<Summary>,
}

/// Counts, for `/api/health`.
#[derive(Clone, Debug, Serialize)]
pub struct Stats {
    pub articles: i64,
    pub stories: i64,
    pub generation: i64,
    pub indexed: u64,
}

/// The outcome of [`Store::add_article`].
#[derive(Clone, Debug, Serialize)]
pub struct Added {
    pub id: String,
    pub story: i64,
    /// False when an article with this id (the same URL) was replaced.
    pub created: bool,
}

/// The store. Cheap to share (`Arc<Store>`): reads use a pool of SQLite connections and the
/// index's searcher; writes are serialised by a mutex (and, across processes, by SQLite's and
/// tantivy's locks).
pub struct Store {
    dir: PathBuf,
    pool: db::Pool,
    writer: Mutex<Connection>,
    index: index::SearchIndex,
    /// Related lists by (article, k), valid for one index version: a rail is the same for
    /// every reader until the corpus changes, and computing it is most of an article page.
    related_cache: Mutex<RelatedCache>,
}

#[derive(Default)]
struct RelatedCache {
    version: u64,
    lists: HashMap<(String, usize), Vec<Related>>,
}

/// Rails cached at most; the cache starts over when full (cheap, and bounded memory).
const RELATED_CACHE: usize = 8192;

const SUMMARY_COLS: &str =
    "id, url, title, site, lang, published, sort_ts, story, is_original, excerpt, image";

fn summary_of(r: &rusqlite::Row) -> rusqlite::Result<Summary> {
    Ok(Summary {
        id: r.get(0)?,
        url: r.get(1)?,
        title: r.get(2)?,
        site: r.get(3)?,
        lang: r.get(4)?,
        published: r.get(5)?,
        date: day_of(r.get(6)?),
        story: r.get(7)?,
        original: r.get::<_, i64>(8)? != 0,
        excerpt: r.get(9)?,
        image: r.get(10)?,
    })
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// An open write: rows go into the SQLite transaction and the index writer together.
struct Write<'a> {
    tx: rusqlite::Transaction<'a>,
    index: &'a index::SearchIndex,
    writer: tantivy::IndexWriter,
    now: i64,
    stored: u64,
    new: u64,
}

impl Write<'_> {
    fn put(&mut self, r: &Record) -> Result<bool, StoreError> {
        let existed: bool = self
            .tx
            .prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?
            .exists([&r.id])?;
        db::upsert(&self.tx, r, self.now)?;
        if existed {
            self.index.delete(&self.writer, &r.id);
        }
        self.index.add(&self.writer, &index::IndexDoc::of(r))?;
        self.stored += 1;
        self.new += u64::from(!existed);
        Ok(!existed)
    }
}

impl Store {
    /// Opens the data directory, creating it if needed, and rebuilds the search index if it
    /// is behind the database (or new).
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir).map_err(StoreError::io(dir))?;
        let db_path = dir.join("newsdesk.db");
        let writer = db::open_write(&db_path)?;
        let index = index::SearchIndex::open(dir)?;
        let store = Store {
            dir: dir.to_path_buf(),
            pool: db::Pool::new(db_path),
            writer: Mutex::new(writer),
            index,
            related_cache: Mutex::new(RelatedCache::default()),
        };
        store.check_index()?;
        Ok(store)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Rebuilds the index from SQLite when its generation is not the database's.
    fn check_index(&self) -> Result<(), StoreError> {
        let conn = self.lock_writer()?;
        let generation = db::generation(&conn)?;
        if self.index.generation()? == Some(generation) {
            return Ok(());
        }
        let writer = self.index.writer()?;
        writer.delete_all_documents()?;
        let mut stmt =
            conn.prepare("SELECT id, title, text, lead, site, lang, sort_ts FROM articles")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (id, title, text, lead): (String, String, String, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            let (site, lang): (Option<String>, Option<String>) = (r.get(4)?, r.get(5)?);
            self.index.add(
                &writer,
                &index::IndexDoc {
                    id: &id,
                    title: &title,
                    text: &text,
                    lead: &lead,
                    site: site.as_deref(),
                    lang: lang.as_deref(),
                    sort_ts: r.get(6)?,
                },
            )?;
        }
        self.index.commit(writer, generation)
    }

    fn lock_writer(&self) -> Result<std::sync::MutexGuard<'_, Connection>, StoreError> {
        self.writer
            .lock()
            .map_err(|_| StoreError::Invalid("a previous write panicked".into()))
    }

    /// Runs `fill` inside one write: SQLite transaction and index writer; then regroups the
    /// stories, bumps the generation and commits both (SQLite first: it is the truth).
    fn write(
        &self,
        fill: impl FnOnce(&mut Write) -> Result<(), StoreError>,
    ) -> Result<(u64, u64, GroupStats), StoreError> {
        let mut conn = self.lock_writer()?;
        let writer = self.index.writer()?;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut w = Write {
            tx,
            index: &self.index,
            writer,
            now: now(),
            stored: 0,
            new: 0,
        };
        fill(&mut w)?;
        let stats = group::regroup(&w.tx)?;
        let generation = db::bump_generation(&w.tx)?;
        let Write {
            tx,
            writer,
            stored,
            new,
            ..
        } = w;
        tx.commit()?;
        self.index.commit(writer, generation)?;
        Ok((stored, new, stats))
    }

    /// Loads HTML files and directories, WARC files and JSONL (`{url, html}` pages, or rows
    /// that `newsdesk batch` extracted) through the batch pipeline, then regroups the stories.
    pub fn ingest(
        &self,
        inputs: &[PathBuf],
        options: &IngestOptions,
    ) -> Result<IngestReport, StoreError> {
        let (rows_files, pages): (Vec<PathBuf>, Vec<PathBuf>) = inputs
            .iter()
            .cloned()
            .partition(|p| ingest::is_row_jsonl(p));
        let mut report = IngestReport::default();
        let work = self.dir.join("ingest");
        std::fs::create_dir_all(&work).map_err(StoreError::io(&work))?;
        let mut extracted = Vec::new();
        if !pages.is_empty() {
            let out = work.join(format!("run-{}-{}.jsonl", now(), std::process::id()));
            report.batch = ingest::extract_to(pages, &out, options)?;
            extracted.push(out);
        }
        let result = self.write(|w| {
            let mut put = |row: newsdesk_batch::Row| -> Result<(), StoreError> {
                if row.status != "ok" {
                    report.empty += 1;
                    return Ok(());
                }
                let r = Record::new(&row.article, &row.id, row.warc_date.as_deref(), w.now)?;
                w.put(&r)?;
                Ok(())
            };
            for f in &rows_files {
                report.rows_loaded += ingest::for_each_row(f, &mut put)?;
            }
            for f in &extracted {
                ingest::for_each_row(f, &mut put)?;
            }
            Ok(())
        });
        // The extracted rows are in the store now (or the write failed and can be redone
        // from the inputs): the scratch files go either way.
        for f in &extracted {
            let layout = newsdesk_batch::Layout::new(f, newsdesk_batch::Format::Jsonl);
            for p in [layout.out.clone(), layout.failures(), layout.checkpoint()] {
                let _ = std::fs::remove_file(p);
            }
        }
        let (stored, new, stats) = result?;
        report.stored = stored;
        report.new = new;
        report.articles = stats.articles;
        report.stories = stats.stories;
        Ok(report)
    }

    /// Stores one extracted article (`key` identifies it when it has no URL).
    pub fn add_article(&self, article: &Article, key: &str) -> Result<Added, StoreError> {
        let record = Record::new(article, key, None, now())?;
        let mut created = false;
        self.write(|w| {
            created = w.put(&record)?;
            Ok(())
        })?;
        let story = self.pool.with(|c| {
            Ok(c.query_row(
                "SELECT story FROM articles WHERE id = ?1",
                [&record.id],
                |r| r.get(0),
            )?)
        })?;
        Ok(Added {
            id: record.id,
            story,
            created,
        })
    }

    /// One article, or `None` (also for a malformed id).
    pub fn article(&self, id: &str) -> Result<Option<StoredArticle>, StoreError> {
        if !is_article_id(id) {
            return Ok(None);
        }
        let row = self.pool.with(|c| {
            Ok(c.query_row(
                &format!("SELECT {SUMMARY_COLS}, duplicate, article FROM articles WHERE id = ?1"),
                [id],
                |r| {
                    Ok((
                        summary_of(r)?,
                        r.get::<_, Option<String>>(11)?,
                        r.get::<_, String>(12)?,
                    ))
                },
            )
            .optional()?)
        })?;
        let Some((summary, duplicate, json)) = row else {
            return Ok(None);
        };
        let article: Article = serde_json::from_str(&json)?;
        Ok(Some(StoredArticle {
            summary,
            duplicate,
            article,
        }))
    }

    /// Summaries of `ids`, in that order (unknown ids are left out).
    pub fn summaries(&self, ids: &[String]) -> Result<Vec<Summary>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let marks = vec!["?"; ids.len()].join(",");
        let found: HashMap<String, Summary> = self.pool.with(|c| {
            let mut stmt = c.prepare_cached(&format!(
                "SELECT {SUMMARY_COLS} FROM articles WHERE id IN ({marks})"
            ))?;
            let rows = stmt.query_map(params_from_iter(ids.iter()), summary_of)?;
            let mut m = HashMap::new();
            for s in rows {
                let s = s?;
                m.insert(s.id.clone(), s);
            }
            Ok(m)
        })?;
        Ok(ids.iter().filter_map(|id| found.get(id).cloned()).collect())
    }

    /// Full-text search by BM25, with filters; without a query, the newest articles that pass
    /// the filters.
    pub fn search(&self, params: &SearchParams) -> Result<SearchPage, StoreError> {
        let page = params.page.clamp(1, MAX_PAGE);
        let offset = (page as usize - 1) * PER_PAGE;
        let q = params.q.trim();
        let (items, total) = if q.is_empty() {
            self.filtered_latest(&params.filter, offset)?
        } else {
            let (ids, total) = self.index.search(q, &params.filter, offset, PER_PAGE)?;
            (self.summaries(&ids)?, total)
        };
        let pages = total.div_ceil(PER_PAGE as u64).min(u64::from(MAX_PAGE)) as u32;
        Ok(SearchPage {
            q: q.to_owned(),
            page,
            per_page: PER_PAGE,
            total,
            pages,
            items,
        })
    }

    fn filtered_latest(
        &self,
        filter: &Filter,
        offset: usize,
    ) -> Result<(Vec<Summary>, u64), StoreError> {
        let mut cond = vec!["1 = 1".to_owned()];
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(site) = &filter.site {
            cond.push("lower(site) = lower(?)".into());
            args.push(site.clone().into());
        }
        if let Some(lang) = &filter.lang {
            cond.push("lower(lang) = lower(?)".into());
            args.push(lang.clone().into());
        }
        if let Some(from) = filter.from {
            cond.push("sort_ts >= ?".into());
            args.push(from.into());
        }
        if let Some(to) = filter.to {
            cond.push("sort_ts < ?".into());
            args.push(to.into());
        }
        let cond = cond.join(" AND ");
        self.pool.with(|c| {
            let total: i64 = c.query_row(
                &format!("SELECT COUNT(*) FROM articles WHERE {cond}"),
                params_from_iter(args.iter()),
                |r| r.get(0),
            )?;
            let mut all = args.clone();
            all.push((PER_PAGE as i64).into());
            all.push((offset as i64).into());
            let mut stmt = c.prepare_cached(&format!(
                "SELECT {SUMMARY_COLS} FROM articles WHERE {cond}
                 ORDER BY sort_ts DESC, id LIMIT ? OFFSET ?"
            ))?;
            let items = stmt
                .query_map(params_from_iter(all.iter()), summary_of)?
                .collect::<Result<Vec<_>, _>>()?;
            Ok((items, total as u64))
        })
    }

    /// The newest stories (each by its original), `limit` from `offset`.
    pub fn latest(&self, offset: usize, limit: usize) -> Result<Vec<StorySummary>, StoreError> {
        let cols = SUMMARY_COLS
            .split(", ")
            .map(|c| format!("a.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        self.pool.with(|c| {
            let mut stmt = c.prepare_cached(&format!(
                "SELECT {cols}, s.copies FROM stories s JOIN articles a ON a.id = s.original
                 ORDER BY s.latest_ts DESC, s.id DESC LIMIT ?1 OFFSET ?2"
            ))?;
            let rows =
                stmt.query_map(params![limit.min(MAX_LATEST) as i64, offset as i64], |r| {
                    Ok(StorySummary {
                        summary: summary_of(r)?,
                        copies: r.get(11)?,
                    })
                })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
    }

    /// Every copy of a story, the original first, then by date.
    pub fn story(&self, story: i64) -> Result<Option<StoryView>, StoreError> {
        let articles = self.pool.with(|c| {
            let mut stmt = c.prepare_cached(&format!(
                "SELECT {SUMMARY_COLS} FROM articles WHERE story = ?1
                 ORDER BY is_original DESC, sort_ts, id"
            ))?;
            let rows = stmt.query_map([story], summary_of)?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })?;
        if articles.is_empty() {
            return Ok(None);
        }
        Ok(Some(StoryView {
            story,
            original: articles.iter().find(|a| a.original).map(|a| a.id.clone()),
            articles,
        }))
    }

    /// "You May Also Like": up to `k` articles most like this one's title and lead
    /// paragraphs, blended with recency; never this article or a copy of its story, and at
    /// most one article per story. `None` when the article does not exist.
    pub fn related(&self, id: &str, k: usize) -> Result<Option<Vec<Related>>, StoreError> {
        if !is_article_id(id) {
            return Ok(None);
        }
        let k = k.clamp(1, MAX_RELATED);
        let version = self.index.version();
        let key = (id.to_owned(), k);
        if let Ok(cache) = self.related_cache.lock()
            && cache.version == version
            && let Some(hit) = cache.lists.get(&key)
        {
            return Ok(Some(hit.clone()));
        }
        let found = self.compute_related(id, k)?;
        if let (Some(list), Ok(mut cache)) = (&found, self.related_cache.lock()) {
            if cache.version != version || cache.lists.len() >= RELATED_CACHE {
                cache.lists.clear();
                cache.version = version;
            }
            cache.lists.insert(key, list.clone());
        }
        Ok(found)
    }

    fn compute_related(&self, id: &str, k: usize) -> Result<Option<Vec<Related>>, StoreError> {
        let source = self.pool.with(|c| {
            Ok(c.query_row(
                "SELECT lead, story FROM articles WHERE id = ?1",
                [id],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)),
            )
            .optional()?)
        })?;
        let Some((lead, story)) = source else {
            return Ok(None);
        };
        let (copies, newest) = self.pool.with(|c| {
            let mut stmt = c.prepare_cached("SELECT id FROM articles WHERE story = ?1")?;
            let copies = stmt
                .query_map([story], |r| r.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()?;
            let newest: Option<i64> =
                c.query_row("SELECT MAX(sort_ts) FROM articles", [], |r| r.get(0))?;
            Ok((copies, newest.unwrap_or(0)))
        })?;
        let mut exclude = copies;
        if !exclude.iter().any(|c| c == id) {
            exclude.push(id.to_owned());
        }
        // Candidates beyond k: some share a story and collapse into one.
        let hits = self
            .index
            .more_like(&lead, &exclude, (k * 4 + 16).min(400))?;
        let Some(top) = hits.first().map(|h| h.1).filter(|s| *s > 0.0) else {
            return Ok(Some(Vec::new()));
        };
        let ids: Vec<String> = hits.iter().map(|h| h.0.clone()).collect();
        let summaries: HashMap<String, Summary> = self
            .summaries(&ids)?
            .into_iter()
            .map(|s| (s.id.clone(), s))
            .collect();
        let sort_ts: HashMap<String, i64> = self.pool.with(|c| {
            let marks = vec!["?"; ids.len()].join(",");
            let mut stmt = c.prepare_cached(&format!(
                "SELECT id, sort_ts FROM articles WHERE id IN ({marks})"
            ))?;
            let rows = stmt.query_map(params_from_iter(ids.iter()), |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
            })?;
            Ok(rows.collect::<Result<HashMap<_, _>, _>>()?)
        })?;
        let mut scored: Vec<(f32, &Summary)> = hits
            .iter()
            .filter_map(|(hid, s)| {
                let sum = summaries.get(hid)?;
                if sum.story == story {
                    return None;
                }
                let age_days =
                    (newest - sort_ts.get(hid).copied().unwrap_or(newest)).max(0) as f32 / 86_400.0;
                let recency = 0.5f32.powf(age_days / RECENCY_HALF_LIFE_DAYS);
                Some((
                    (s / top) * (1.0 - RECENCY_WEIGHT) + RECENCY_WEIGHT * recency,
                    sum,
                ))
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
        let mut seen: HashSet<i64> = HashSet::new();
        let out = scored
            .into_iter()
            .filter(|(_, s)| seen.insert(s.story))
            .take(k)
            .map(|(score, s)| Related {
                summary: s.clone(),
                score,
            })
            .collect();
        Ok(Some(out))
    }

    /// Counts for health checks.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let (articles, stories, generation) = self.pool.with(|c| {
            Ok((
                c.query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))?,
                c.query_row("SELECT COUNT(*) FROM stories", [], |r| r.get(0))?,
                db::generation(c)?,
            ))
        })?;
        Ok(Stats {
            articles,
            stories,
            generation,
            indexed: self.index.num_docs(),
        })
    }

    /// Checks that the store is whole: SQLite's integrity check passes and the index holds
    /// exactly the stored articles (what a killed process must never break).
    pub fn verify(&self) -> Result<(), StoreError> {
        let (check, articles): (String, i64) = self.pool.with(|c| {
            Ok((
                c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?,
                c.query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))?,
            ))
        })?;
        if check != "ok" {
            return Err(StoreError::Invalid(format!(
                "database integrity check: {check}"
            )));
        }
        let indexed = self.index.count_all()?;
        if indexed != articles as u64 {
            return Err(StoreError::Invalid(format!(
                "the index holds {indexed} articles, the database {articles}"
            )));
        }
        Ok(())
    }
}
