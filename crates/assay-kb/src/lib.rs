//! The knowledge base: every framework Assay cites, as validated data.
//!
//! The data lives in `assets/` and is compiled into this crate (see
//! `build.rs`). [`KnowledgeBase::load`] parses and validates it, reporting
//! every problem at once; the loaded base answers look-ups by stable ID,
//! crosswalk neighbours, the EU AI Act obligation and date tables, and
//! ranked search. The crate does no I/O, reads no clock and makes no IDs:
//! files come in as text from the caller.

mod error;
mod idkey;
pub mod model;
pub mod oscal;
mod search;
mod validate;
mod validate_eu;

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use sha2::{Digest, Sha256};

pub use error::{Diagnostic, KbError};
pub use idkey::id_key;
pub use model::*;
pub use search::SearchHit;
use search::SearchIndex;

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
}

/// One data file handed to the loader: its path below `assets/` and its text.
#[derive(Debug, Clone, Copy)]
pub struct AssetFile<'a> {
    pub path: &'a str,
    pub text: &'a str,
}

/// The data files compiled into this build, sorted by path.
pub fn bundled_files() -> Vec<AssetFile<'static>> {
    bundled::BUNDLED
        .iter()
        .map(|&(path, text)| AssetFile { path, text })
        .collect()
}

/// Where an item sits: which framework, which position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ItemRef {
    framework: usize,
    item: usize,
}

/// One crosswalk edge seen from one of its ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Neighbour<'kb> {
    pub crosswalk: &'kb str,
    /// The item at the other end.
    pub item: &'kb Item,
    pub relationship: Relationship,
    /// True when this item is the mapping's `from` side.
    pub outgoing: bool,
    pub rationale: &'kb str,
}

/// A framework's identity and its item counts by kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameworkStats {
    pub id: String,
    pub short_title: String,
    pub version: String,
    pub counts: BTreeMap<String, usize>,
}

/// A statement attached from the user's own copy of an official catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub text: String,
    /// Which catalogue it came from (title and version).
    pub source: String,
}

/// The loaded, validated knowledge base.
#[derive(Debug)]
pub struct KnowledgeBase {
    manifest: Manifest,
    content_hash: String,
    frameworks: Vec<FrameworkFile>,
    crosswalks: Vec<CrosswalkFile>,
    dates: DatesFile,
    obligations: ObligationsFile,
    penalties: PenaltiesFile,
    by_id: HashMap<String, ItemRef>,
    children: HashMap<String, Vec<ItemRef>>,
    statements: BTreeMap<String, Statement>,
    /// Built on first search: most processes (a CLI report, an assessment)
    /// never search, and building costs more than loading.
    search: OnceLock<SearchIndex>,
}

impl KnowledgeBase {
    /// The knowledge base compiled into this build.
    pub fn bundled() -> Result<Self, KbError> {
        Self::load(&bundled_files())
    }

    /// Parses and validates `files`; any problem in any file fails the load
    /// with the full list of diagnostics.
    pub fn load(files: &[AssetFile<'_>]) -> Result<Self, KbError> {
        let parsed = validate::parse_and_check(files);
        if !parsed.diagnostics.is_empty() {
            return Err(KbError::Invalid(parsed.diagnostics));
        }
        let (Some(manifest), Some(dates), Some(obligations), Some(penalties)) = (
            parsed.manifest,
            parsed.dates,
            parsed.obligations,
            parsed.penalties,
        ) else {
            unreachable!("parse_and_check reports a missing table as a diagnostic")
        };

        let mut kb = KnowledgeBase {
            manifest,
            content_hash: content_hash(files),
            frameworks: parsed.frameworks,
            crosswalks: parsed.crosswalks,
            dates,
            obligations,
            penalties,
            by_id: HashMap::new(),
            children: HashMap::new(),
            statements: BTreeMap::new(),
            search: OnceLock::new(),
        };
        for (f, framework) in kb.frameworks.iter().enumerate() {
            for (i, item) in framework.items.iter().enumerate() {
                let at = ItemRef {
                    framework: f,
                    item: i,
                };
                kb.by_id.insert(item.id.clone(), at);
                if let Some(parent) = &item.parent {
                    kb.children.entry(parent.clone()).or_default().push(at);
                }
            }
        }
        Ok(kb)
    }

    /// Every problem in `files`, empty when they form a valid knowledge base.
    pub fn validate(files: &[AssetFile<'_>]) -> Vec<Diagnostic> {
        validate::parse_and_check(files).diagnostics
    }

    pub fn version(&self) -> &str {
        &self.manifest.version
    }

    /// SHA-256 over every data file (path and contents), hex.
    pub fn content_hash(&self) -> &str {
        &self.content_hash
    }

    pub fn frameworks(&self) -> &[FrameworkFile] {
        &self.frameworks
    }

    pub fn framework(&self, id: &str) -> Option<&FrameworkFile> {
        self.frameworks.iter().find(|f| f.id == id)
    }

    pub fn crosswalks(&self) -> &[CrosswalkFile] {
        &self.crosswalks
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.by_id.get(id).map(|&at| self.at(at))
    }

    /// The framework an item belongs to.
    pub fn framework_of(&self, id: &str) -> Option<&FrameworkFile> {
        self.by_id.get(id).map(|at| &self.frameworks[at.framework])
    }

    /// Direct children of an item, in file order.
    pub fn children(&self, id: &str) -> Vec<&Item> {
        self.children
            .get(id)
            .map(|refs| refs.iter().map(|&at| self.at(at)).collect())
            .unwrap_or_default()
    }

    /// The chain of parents from the root down to (not including) `id`.
    pub fn ancestors(&self, id: &str) -> Vec<&Item> {
        let mut chain = Vec::new();
        let mut current = self.item(id).and_then(|item| item.parent.as_deref());
        while let Some(parent_id) = current {
            let Some(parent) = self.item(parent_id) else {
                break;
            };
            chain.push(parent);
            current = parent.parent.as_deref();
        }
        chain.reverse();
        chain
    }

    /// Crosswalk neighbours of an item, in both directions.
    pub fn neighbours(&self, id: &str) -> Vec<Neighbour<'_>> {
        let mut out = Vec::new();
        for crosswalk in &self.crosswalks {
            for mapping in &crosswalk.mappings {
                let (other, outgoing) = if mapping.from == id {
                    (&mapping.to, true)
                } else if mapping.to == id {
                    (&mapping.from, false)
                } else {
                    continue;
                };
                if let Some(item) = self.item(other) {
                    out.push(Neighbour {
                        crosswalk: &crosswalk.id,
                        item,
                        relationship: mapping.relationship,
                        outgoing,
                        rationale: &mapping.rationale,
                    });
                }
            }
        }
        out
    }

    /// Items of other frameworks whose `cites` name this one.
    pub fn cited_by(&self, id: &str) -> Vec<&Item> {
        self.frameworks
            .iter()
            .flat_map(|f| &f.items)
            .filter(|item| item.cites.iter().any(|c| c == id))
            .collect()
    }

    pub fn application_dates(&self) -> &DatesFile {
        &self.dates
    }

    pub fn application_date(&self, key: &str) -> Option<&ApplicationDate> {
        self.dates.dates.iter().find(|d| d.key == key)
    }

    pub fn obligations(&self) -> &ObligationsFile {
        &self.obligations
    }

    pub fn penalties(&self) -> &PenaltiesFile {
        &self.penalties
    }

    /// Per framework: ID, version and item counts by kind.
    pub fn stats(&self) -> Vec<FrameworkStats> {
        self.frameworks
            .iter()
            .map(|f| {
                let mut counts = BTreeMap::new();
                for item in &f.items {
                    *counts.entry(item.kind.clone()).or_insert(0) += 1;
                }
                FrameworkStats {
                    id: f.id.clone(),
                    short_title: f.short_title.clone(),
                    version: f.version.clone(),
                    counts,
                }
            })
            .collect()
    }

    /// Ranked search over IDs, labels, titles, summaries and imported
    /// statements. ID-shaped queries match regardless of case, separators
    /// and leading zeros (`ac-02(01)` finds `AC-2(1)`), with one typo allowed.
    pub fn search(&self, query: &str, limit: usize) -> Vec<SearchHit<'_>> {
        self.search
            .get_or_init(|| self.build_search())
            .query(query, limit)
            .into_iter()
            .map(|(at, score)| SearchHit {
                item: self.at(at),
                score,
            })
            .collect()
    }

    /// Attaches statements imported from the user's own copy of an official
    /// catalogue, keyed by item ID, and makes them searchable. Returns the
    /// keys that match no item.
    pub fn attach_statements(&mut self, statements: BTreeMap<String, Statement>) -> Vec<String> {
        let mut unknown = Vec::new();
        for (id, statement) in statements {
            if self.by_id.contains_key(&id) {
                self.statements.insert(id, statement);
            } else {
                unknown.push(id);
            }
        }
        self.search = OnceLock::new();
        unknown
    }

    pub fn statement(&self, id: &str) -> Option<&Statement> {
        self.statements.get(id)
    }

    pub fn statement_count(&self) -> usize {
        self.statements.len()
    }

    fn at(&self, at: ItemRef) -> &Item {
        &self.frameworks[at.framework].items[at.item]
    }

    fn build_search(&self) -> SearchIndex {
        let mut index = SearchIndex::default();
        for (f, framework) in self.frameworks.iter().enumerate() {
            for (i, item) in framework.items.iter().enumerate() {
                let statement = self.statements.get(&item.id).map(|s| s.text.as_str());
                index.add(
                    ItemRef {
                        framework: f,
                        item: i,
                    },
                    item,
                    statement,
                );
            }
        }
        index.finish();
        index
    }
}

fn content_hash(files: &[AssetFile<'_>]) -> String {
    let mut sorted: Vec<_> = files.iter().collect();
    sorted.sort_by_key(|f| f.path);
    let mut hasher = Sha256::new();
    for file in sorted {
        hasher.update(file.path.as_bytes());
        hasher.update([0]);
        hasher.update((file.text.len() as u64).to_le_bytes());
        hasher.update(file.text.as_bytes());
    }
    hex(&hasher.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
