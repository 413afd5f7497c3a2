//! The tantivy index: full-text search and the candidates for "related".
//!
//! Derived from SQLite and never the only copy of anything: each commit carries the store's
//! write generation as its payload, and an index whose payload differs from the database's
//! generation (a process killed between the two commits) is rebuilt from the database.
//!
//! Articles are keyed by their id read as a `u64` (ids are 16 hex digits) in a fast field,
//! so a hit's id costs one column read instead of a stored-document fetch.

use std::ops::Bound;
use std::path::Path;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, MoreLikeThisQuery, Occur, Query, QueryParser, RangeQuery, TermQuery,
};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, OwnedValue, STRING, Schema, TextFieldIndexing,
    TextOptions,
};
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::error::StoreError;
use crate::record::Record;

/// Bump when the schema changes: the index then lives in a new directory and is rebuilt.
const INDEX_DIR: &str = "index-v1";
/// Memory for one writer's buffer; one thread, so a write never takes both cores.
const WRITER_BYTES: usize = 64 << 20;

#[derive(Clone, Copy)]
struct Fields {
    key: Field,
    title: Field,
    body: Field,
    lead: Field,
    site: Field,
    lang: Field,
    date: Field,
}

pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    f: Fields,
}

/// What the index keeps of an article.
pub struct IndexDoc<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub text: &'a str,
    pub lead: &'a str,
    pub site: Option<&'a str>,
    pub lang: Option<&'a str>,
    pub sort_ts: i64,
}

impl IndexDoc<'_> {
    pub fn of(r: &Record) -> IndexDoc<'_> {
        IndexDoc {
            id: &r.id,
            title: &r.title,
            text: &r.text,
            lead: &r.lead,
            site: r.site.as_deref(),
            lang: r.lang.as_deref(),
            sort_ts: r.sort_ts,
        }
    }
}

/// Filters every search takes (already validated).
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub site: Option<String>,
    pub lang: Option<String>,
    pub from: Option<i64>,
    pub to: Option<i64>,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |positions: bool| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("en_stem")
                .set_index_option(if positions {
                    IndexRecordOption::WithFreqsAndPositions
                } else {
                    IndexRecordOption::WithFreqs
                }),
        )
    };
    let f = Fields {
        key: b.add_u64_field("key", INDEXED | FAST),
        title: b.add_text_field("title", text(true)),
        body: b.add_text_field("body", text(true)),
        lead: b.add_text_field("lead", text(false)),
        site: b.add_text_field("site", STRING),
        lang: b.add_text_field("lang", STRING),
        date: b.add_i64_field("date", INDEXED | FAST),
    };
    (b.build(), f)
}

/// The id's numeric key.
pub fn key_of(id: &str) -> Option<u64> {
    u64::from_str_radix(id, 16).ok()
}

impl SearchIndex {
    pub fn open(data: &Path) -> Result<SearchIndex, StoreError> {
        let dir = data.join(INDEX_DIR);
        std::fs::create_dir_all(&dir).map_err(StoreError::io(&dir))?;
        let (schema, f) = schema();
        let mmap = tantivy::directory::MmapDirectory::open(&dir)
            .map_err(|e| StoreError::Index(e.into()))?;
        let index = Index::open_or_create(mmap, schema)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok(SearchIndex { index, reader, f })
    }

    /// The store generation of the last commit (`None` for a new index).
    pub fn generation(&self) -> Result<Option<i64>, StoreError> {
        let meta = self.index.load_metas()?;
        Ok(meta.payload.and_then(|p| p.parse().ok()))
    }

    /// Changes whenever the visible index changes (a commit here or by another process), so
    /// answers derived from it can be cached under it.
    pub fn version(&self) -> u64 {
        self.reader.searcher().generation().generation_id()
    }

    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// A writer; fails with [`StoreError::Busy`] while another process holds one.
    pub fn writer(&self) -> Result<IndexWriter, StoreError> {
        self.index
            .writer_with_num_threads(1, WRITER_BYTES)
            .map_err(StoreError::from_index)
    }

    pub fn delete(&self, w: &IndexWriter, id: &str) {
        if let Some(key) = key_of(id) {
            w.delete_term(Term::from_field_u64(self.f.key, key));
        }
    }

    pub fn add(&self, w: &IndexWriter, r: &IndexDoc) -> Result<(), StoreError> {
        let Some(key) = key_of(r.id) else {
            return Err(StoreError::Invalid(format!("bad article id {}", r.id)));
        };
        let f = self.f;
        let mut doc = TantivyDocument::default();
        doc.add_u64(f.key, key);
        doc.add_text(f.title, r.title);
        doc.add_text(f.body, r.text);
        doc.add_text(f.lead, r.lead);
        if let Some(site) = r.site {
            doc.add_text(f.site, site.to_lowercase());
        }
        if let Some(lang) = r.lang {
            doc.add_text(f.lang, lang.to_lowercase());
        }
        doc.add_i64(f.date, r.sort_ts);
        w.add_document(doc)?;
        Ok(())
    }

    /// Commits with the store generation as payload, then makes the commit visible here.
    pub fn commit(&self, mut w: IndexWriter, generation: i64) -> Result<(), StoreError> {
        let mut prepared = w.prepare_commit()?;
        prepared.set_payload(&generation.to_string());
        prepared.commit()?;
        w.wait_merging_threads()?;
        self.reader.reload()?;
        Ok(())
    }

    fn filters(&self, filter: &Filter) -> Vec<(Occur, Box<dyn Query>)> {
        let f = self.f;
        let mut q: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let term = |field, v: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, &v.to_lowercase()),
                IndexRecordOption::Basic,
            ))
        };
        if let Some(site) = &filter.site {
            q.push((Occur::Must, term(f.site, site)));
        }
        if let Some(lang) = &filter.lang {
            q.push((Occur::Must, term(f.lang, lang)));
        }
        if filter.from.is_some() || filter.to.is_some() {
            let bound = |v: Option<i64>, inclusive: bool| match v {
                Some(v) if inclusive => Bound::Included(Term::from_field_i64(f.date, v)),
                Some(v) => Bound::Excluded(Term::from_field_i64(f.date, v)),
                None => Bound::Unbounded,
            };
            q.push((
                Occur::Must,
                Box::new(RangeQuery::new(
                    bound(filter.from, true),
                    bound(filter.to, false),
                )),
            ));
        }
        q
    }

    /// Full-text search: ids of one page of hits by BM25 (title weighs double), and the
    /// total number of hits. Query syntax errors never fail: the lenient parser keeps what
    /// it can read.
    pub fn search(
        &self,
        q: &str,
        filter: &Filter,
        offset: usize,
        limit: usize,
    ) -> Result<(Vec<String>, u64), StoreError> {
        let f = self.f;
        let mut parser = QueryParser::for_index(&self.index, vec![f.title, f.body]);
        parser.set_field_boost(f.title, 2.0);
        parser.set_conjunction_by_default();
        let (text, _errors) = parser.parse_query_lenient(q);
        let mut clauses = self.filters(filter);
        clauses.push((Occur::Must, text));
        let query = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        let (hits, total) = searcher.search(
            &query,
            &(
                TopDocs::with_limit(limit.max(1))
                    .and_offset(offset)
                    .order_by_score(),
                Count,
            ),
        )?;
        let ids = self.ids(hits.iter().map(|(_, a)| *a))?;
        Ok((ids, total as u64))
    }

    /// Articles most like `lead` (tantivy's more-like-this over the title-and-lead field),
    /// never those in `exclude`: ids with their BM25 scores, best first.
    pub fn more_like(
        &self,
        lead: &str,
        exclude: &[String],
        limit: usize,
    ) -> Result<Vec<(String, f32)>, StoreError> {
        let f = self.f;
        let mlt = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(2)
            .with_min_term_frequency(1)
            .with_max_query_terms(32)
            .with_min_word_length(3)
            .with_stop_words(STOP_WORDS.iter().map(|s| (*s).to_owned()).collect())
            .with_document_fields(vec![(f.lead, vec![OwnedValue::Str(lead.to_owned())])]);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, Box::new(mlt))];
        for id in exclude {
            if let Some(key) = key_of(id) {
                clauses.push((
                    Occur::MustNot,
                    Box::new(TermQuery::new(
                        Term::from_field_u64(f.key, key),
                        IndexRecordOption::Basic,
                    )),
                ));
            }
        }
        let query = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        let hits = searcher.search(&query, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
        let ids = self.ids(hits.iter().map(|(_, a)| *a))?;
        Ok(ids.into_iter().zip(hits.iter().map(|(s, _)| *s)).collect())
    }

    /// Every document, for a consistency check in tests.
    pub fn count_all(&self) -> Result<u64, StoreError> {
        Ok(self.reader.searcher().search(&AllQuery, &Count)? as u64)
    }

    fn ids(&self, addrs: impl Iterator<Item = DocAddress>) -> Result<Vec<String>, StoreError> {
        let searcher = self.reader.searcher();
        let mut out = Vec::new();
        for a in addrs {
            let col = searcher
                .segment_reader(a.segment_ord)
                .fast_fields()
                .u64("key")?;
            if let Some(key) = col.first(a.doc_id) {
                out.push(format!("{key:016x}"));
            }
        }
        Ok(out)
    }
}

/// Words more-like-this never picks: they say nothing about what a story is about.
const STOP_WORDS: &[&str] = &[
    "the", "and", "for", "that", "with", "was", "were", "has", "have", "had", "are", "from",
    "this", "but", "not", "his", "her", "its", "their", "they", "said", "says", "will", "would",
    "which", "who", "been", "after", "about", "into", "than", "more", "also", "one", "two",
    "there", "when", "what", "she", "him", "our", "out", "over", "all", "can", "could", "on", "at",
    "by", "an", "in", "of", "to", "is", "it", "as", "be", "or", "we", "he",
];
