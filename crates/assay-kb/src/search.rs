//! A small in-memory ranked index. The whole base is a few thousand items,
//! so a sorted vocabulary with prefix scans answers in microseconds without a
//! search engine dependency.

use std::collections::{BTreeMap, HashMap};

use crate::{Item, ItemRef, id_key};

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit<'kb> {
    pub item: &'kb Item,
    pub score: f32,
}

const EXACT_ID: f32 = 1000.0;
const ID_PREFIX: f32 = 500.0;
const ID_TYPO: f32 = 300.0;
const LABEL_WEIGHT: f32 = 4.0;
const TITLE_WEIGHT: f32 = 3.0;
const SUMMARY_WEIGHT: f32 = 1.0;
const STATEMENT_WEIGHT: f32 = 0.5;

#[derive(Debug, Default)]
pub(crate) struct SearchIndex {
    docs: Vec<ItemRef>,
    /// Normalised ID and label keys of each document.
    keys: Vec<[String; 2]>,
    /// Exact key → documents.
    by_key: HashMap<String, Vec<u32>>,
    /// Word → (document, best field weight) postings.
    vocabulary: BTreeMap<String, Vec<(u32, f32)>>,
}

impl SearchIndex {
    pub(crate) fn add(&mut self, at: ItemRef, item: &Item, statement: Option<&str>) {
        let doc = u32::try_from(self.docs.len()).expect("fewer than 4 billion items");
        self.docs.push(at);
        let keys = [id_key(&item.id), id_key(&item.label)];
        for key in &keys {
            let docs = self.by_key.entry(key.clone()).or_default();
            if docs.last() != Some(&doc) {
                docs.push(doc);
            }
        }
        self.keys.push(keys);

        let mut best: HashMap<String, f32> = HashMap::new();
        let fields = [
            (item.label.as_str(), LABEL_WEIGHT),
            (item.title.as_str(), TITLE_WEIGHT),
            (item.summary.as_deref().unwrap_or(""), SUMMARY_WEIGHT),
            (statement.unwrap_or(""), STATEMENT_WEIGHT),
        ];
        for (text, weight) in fields {
            for word in words(text) {
                let slot = best.entry(word).or_insert(0.0);
                *slot = slot.max(weight);
            }
        }
        for (word, weight) in best {
            self.vocabulary.entry(word).or_default().push((doc, weight));
        }
    }

    pub(crate) fn finish(&mut self) {
        for postings in self.vocabulary.values_mut() {
            postings.sort_by_key(|&(doc, _)| doc);
        }
    }

    pub(crate) fn query(&self, query: &str, limit: usize) -> Vec<(ItemRef, f32)> {
        let mut scores: HashMap<u32, f32> = HashMap::new();
        self.score_ids(query, &mut scores);
        self.score_words(query, &mut scores);
        let mut ranked: Vec<(u32, f32)> = scores.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(limit);
        ranked
            .into_iter()
            .map(|(doc, score)| (self.docs[doc as usize], score))
            .collect()
    }

    fn score_ids(&self, query: &str, scores: &mut HashMap<u32, f32>) {
        let key = id_key(query);
        // A key needs a digit or a dot to look like an ID; plain words are
        // left to the text search.
        if key.is_empty() || !key.contains(|c: char| c.is_ascii_digit() || c == '.') {
            return;
        }
        let mut exact = false;
        if let Some(docs) = self.by_key.get(&key) {
            exact = true;
            for &doc in docs {
                bump(scores, doc, EXACT_ID);
            }
        }
        let prefix = format!("{key}.");
        for (doc, keys) in self.keys.iter().enumerate() {
            let doc = doc as u32;
            for k in keys {
                if let Some(rest) = k.strip_prefix(&prefix) {
                    // Nearer descendants rank above deeper ones.
                    let depth = rest.matches('.').count() as f32;
                    bump(scores, doc, ID_PREFIX - depth);
                } else if !exact && key.len() >= 3 && within_one_edit(&key, k) {
                    bump(scores, doc, ID_TYPO);
                }
            }
        }
    }

    fn score_words(&self, query: &str, scores: &mut HashMap<u32, f32>) {
        let terms: Vec<String> = words(query).collect();
        if terms.is_empty() {
            return;
        }
        let total = self.docs.len() as f32;
        // Per document: (terms matched, summed weight).
        let mut matched: HashMap<u32, (usize, f32)> = HashMap::new();
        for term in &terms {
            let mut per_doc: HashMap<u32, f32> = HashMap::new();
            let range = self.vocabulary.range(term.clone()..);
            for (word, postings) in range {
                if !word.starts_with(term.as_str()) {
                    break;
                }
                // A whole-word match outranks a prefix match.
                let closeness = if word == term { 1.0 } else { 0.6 };
                for &(doc, weight) in postings {
                    let slot = per_doc.entry(doc).or_insert(0.0);
                    *slot = slot.max(weight * closeness);
                }
            }
            if per_doc.is_empty() {
                continue;
            }
            let idf = (total / per_doc.len() as f32).ln() + 1.0;
            for (doc, weight) in per_doc {
                let entry = matched.entry(doc).or_insert((0, 0.0));
                entry.0 += 1;
                entry.1 += weight * idf;
            }
        }
        // Documents matching every term come first; partial matches trail.
        for (doc, (count, weight)) in matched {
            let completeness = count as f32 / terms.len() as f32;
            let score = if count == terms.len() {
                100.0 + weight
            } else {
                weight * completeness
            };
            bump(scores, doc, score);
        }
    }
}

fn bump(scores: &mut HashMap<u32, f32>, doc: u32, score: f32) {
    let slot = scores.entry(doc).or_insert(0.0);
    *slot = slot.max(score);
}

/// Lower-cased words of two or more characters.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_lowercase)
}

/// True when `a` and `b` differ by at most one insertion, deletion or
/// substitution.
fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    ra.len() <= 1 && rb.len() <= 1
        || ra.get(1..) == rb.get(1..)
        || ra.get(1..) == Some(rb)
        || Some(ra) == rb.get(1..)
}

#[cfg(test)]
mod tests {
    use super::within_one_edit;

    #[test]
    fn one_edit() {
        assert!(within_one_edit("ac.2.1", "ac.2.1"));
        assert!(within_one_edit("ac.2.1", "ac.3.1"));
        assert!(within_one_edit("ac.2.1", "ac.2.11"));
        assert!(within_one_edit("cc.6.1", "c.6.1"));
        assert!(!within_one_edit("ac.2.1", "au.3.1"));
        assert!(!within_one_edit("ac.2.1", "ac.2.123"));
    }
}
