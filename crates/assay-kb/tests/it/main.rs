//! Integration tests of the knowledge base: the shipped data, and what
//! validation does to data that is wrong in each way an author can get it
//! wrong.

mod content;
mod oscal;
mod search;
mod validation;

use assay_kb::{AssetFile, KnowledgeBase, bundled_files};

/// The bundled files with one file's JSON changed by `edit`.
pub(crate) fn with_edit(
    path: &str,
    edit: impl FnOnce(&mut serde_json::Value),
) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = bundled_files()
        .into_iter()
        .map(|f| (f.path.to_owned(), f.text.to_owned()))
        .collect();
    let (_, text) = files
        .iter_mut()
        .find(|(p, _)| p == path)
        .unwrap_or_else(|| panic!("{path} is not a bundled file"));
    let mut value: serde_json::Value = serde_json::from_str(text).unwrap();
    edit(&mut value);
    *text = serde_json::to_string(&value).unwrap();
    files
}

pub(crate) fn validate(files: &[(String, String)]) -> Vec<String> {
    let borrowed: Vec<AssetFile<'_>> = files
        .iter()
        .map(|(path, text)| AssetFile { path, text })
        .collect();
    KnowledgeBase::validate(&borrowed)
        .iter()
        .map(ToString::to_string)
        .collect()
}

pub(crate) fn kb() -> KnowledgeBase {
    KnowledgeBase::bundled().unwrap()
}
