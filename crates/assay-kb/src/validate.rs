//! Everything the JSON Schema cannot say: unique IDs, references that
//! resolve, declared counts, provenance. Every check runs and every problem is
//! reported, so an author fixes a whole file in one pass.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::de::DeserializeOwned;

use crate::validate_eu::{check_dates, check_obligations, check_penalties};
use crate::{AssetFile, CrosswalkFile, DatesFile, Diagnostic, FrameworkFile, Manifest};
use crate::{Coverage, ObligationsFile, PenaltiesFile};

pub(crate) struct Parsed {
    pub(crate) manifest: Option<Manifest>,
    pub(crate) frameworks: Vec<FrameworkFile>,
    pub(crate) crosswalks: Vec<CrosswalkFile>,
    pub(crate) dates: Option<DatesFile>,
    pub(crate) obligations: Option<ObligationsFile>,
    pub(crate) penalties: Option<PenaltiesFile>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

const MANIFEST: &str = "kb.json";
const DATES: &str = "eu-ai-act/application-dates.json";
const OBLIGATIONS: &str = "eu-ai-act/obligations.json";
const PENALTIES: &str = "eu-ai-act/penalties.json";

pub(crate) struct Checker {
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl Checker {
    pub(crate) fn report(&mut self, file: &str, id: Option<&str>, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic {
            file: file.to_owned(),
            id: id.map(str::to_owned),
            message: message.into(),
        });
    }

    fn parse<T: DeserializeOwned>(&mut self, file: &AssetFile<'_>) -> Option<T> {
        match serde_json::from_str(file.text) {
            Ok(value) => Some(value),
            Err(error) => {
                self.report(
                    file.path,
                    None,
                    format!("does not match its schema: {error}"),
                );
                None
            }
        }
    }

    pub(crate) fn non_empty(&mut self, file: &str, id: Option<&str>, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.report(file, id, format!("`{field}` is empty"));
        }
    }
}

pub(crate) fn parse_and_check(files: &[AssetFile<'_>]) -> Parsed {
    let mut c = Checker {
        diagnostics: Vec::new(),
    };
    let mut manifest = None;
    let mut frameworks: Vec<(String, FrameworkFile)> = Vec::new();
    let mut crosswalks: Vec<(String, CrosswalkFile)> = Vec::new();
    let mut dates = None;
    let mut obligations = None;
    let mut penalties = None;

    for file in files {
        match file.path {
            MANIFEST => manifest = c.parse::<Manifest>(file),
            DATES => {
                dates = c
                    .parse::<DatesFile>(file)
                    .map(|d| (file.path.to_owned(), d))
            }
            OBLIGATIONS => {
                obligations = c
                    .parse::<ObligationsFile>(file)
                    .map(|o| (file.path.to_owned(), o))
            }
            PENALTIES => {
                penalties = c
                    .parse::<PenaltiesFile>(file)
                    .map(|p| (file.path.to_owned(), p))
            }
            path if path.starts_with("frameworks/") => {
                if let Some(f) = c.parse::<FrameworkFile>(file) {
                    frameworks.push((path.to_owned(), f));
                }
            }
            path if path.starts_with("crosswalks/") => {
                if let Some(x) = c.parse::<CrosswalkFile>(file) {
                    crosswalks.push((path.to_owned(), x));
                }
            }
            // Questionnaires and other assets belong to other crates.
            _ => {}
        }
    }
    for (path, present) in [
        (MANIFEST, manifest.is_some()),
        (DATES, dates.is_some()),
        (OBLIGATIONS, obligations.is_some()),
        (PENALTIES, penalties.is_some()),
    ] {
        if !present && !c.diagnostics.iter().any(|d| d.file == path) {
            c.report(path, None, "is missing");
        }
    }
    if let Some(m) = &manifest {
        c.non_empty(MANIFEST, None, "version", &m.version);
    }

    // Every ID in the base, with the file that defines it.
    let mut all_ids: HashMap<&str, &str> = HashMap::new();
    let mut kinds_by_framework: HashMap<&str, HashMap<&str, &str>> = HashMap::new();
    let mut framework_ids: HashSet<&str> = HashSet::new();
    for (path, framework) in &frameworks {
        check_framework_header(&mut c, path, framework);
        if !framework_ids.insert(&framework.id) {
            c.report(
                path,
                Some(&framework.id),
                "framework ID is used by another file",
            );
        }
        let kinds = kinds_by_framework.entry(&framework.id).or_default();
        let prefix = format!("{}:", framework.id);
        for item in &framework.items {
            if !item.id.starts_with(&prefix) || item.id.len() == prefix.len() {
                c.report(
                    path,
                    Some(&item.id),
                    format!("ID must start with `{prefix}`"),
                );
            }
            if let Some(first) = all_ids.insert(&item.id, path) {
                c.report(
                    path,
                    Some(&item.id),
                    format!("duplicate ID (also in {first})"),
                );
            }
            kinds.insert(&item.id, &item.kind);
        }
    }

    for (path, framework) in &frameworks {
        check_items(&mut c, path, framework, &all_ids);
    }
    for (path, crosswalk) in &crosswalks {
        check_crosswalk(
            &mut c,
            path,
            crosswalk,
            &framework_ids,
            &kinds_by_framework,
            &frameworks,
        );
    }
    let date_keys = match &dates {
        Some((path, d)) => check_dates(&mut c, path, d, &all_ids),
        None => HashSet::new(),
    };
    if let Some((path, o)) = &obligations {
        check_obligations(&mut c, path, o, &all_ids, &date_keys);
    }
    if let Some((path, p)) = &penalties {
        check_penalties(&mut c, path, p, &all_ids, &date_keys);
    }

    Parsed {
        manifest,
        frameworks: frameworks.into_iter().map(|(_, f)| f).collect(),
        crosswalks: crosswalks.into_iter().map(|(_, x)| x).collect(),
        dates: dates.map(|(_, d)| d),
        obligations: obligations.map(|(_, o)| o),
        penalties: penalties.map(|(_, p)| p),
        diagnostics: c.diagnostics,
    }
}

fn check_framework_header(c: &mut Checker, path: &str, f: &FrameworkFile) {
    let id = Some(f.id.as_str());
    c.non_empty(path, id, "id", &f.id);
    c.non_empty(path, id, "title", &f.title);
    c.non_empty(path, id, "version", &f.version);
    c.non_empty(path, id, "source.publisher", &f.source.publisher);
    c.non_empty(path, id, "source.document", &f.source.document);
    c.non_empty(path, id, "source.url", &f.source.url);
    c.non_empty(path, id, "licence.name", &f.licence.name);
    let expected = format!("frameworks/{}.json", f.id);
    if path != expected {
        c.report(path, id, format!("file should be named {expected}"));
    }
}

fn check_items(c: &mut Checker, path: &str, f: &FrameworkFile, all_ids: &HashMap<&str, &str>) {
    let own: HashMap<&str, Option<&str>> = f
        .items
        .iter()
        .map(|i| (i.id.as_str(), i.parent.as_deref()))
        .collect();
    let mut actual: BTreeMap<&str, usize> = BTreeMap::new();
    for item in &f.items {
        let id = Some(item.id.as_str());
        *actual.entry(&item.kind).or_insert(0) += 1;
        c.non_empty(path, id, "kind", &item.kind);
        c.non_empty(path, id, "label", &item.label);
        c.non_empty(path, id, "title", &item.title);
        match (&item.summary, f.summaries) {
            (Some(s), _) => c.non_empty(path, id, "summary", s),
            (None, true) => c.report(path, id, "has no summary"),
            (None, false) => {}
        }
        if let Some(parent) = &item.parent
            && !own.contains_key(parent.as_str())
        {
            c.report(
                path,
                id,
                format!("parent `{parent}` does not exist in this framework"),
            );
        }
        for cited in &item.cites {
            if !all_ids.contains_key(cited.as_str()) {
                c.report(path, id, format!("cites `{cited}`, which does not exist"));
            }
        }
        if !item.baselines.is_empty() && item.withdrawn {
            c.report(path, id, "a withdrawn control cannot be in a baseline");
        }
        // Walk up the parents; a chain longer than the item count is a cycle.
        let mut steps = 0;
        let mut current = item.parent.as_deref();
        while let Some(p) = current {
            steps += 1;
            if steps > f.items.len() {
                c.report(path, id, "parent chain forms a cycle");
                break;
            }
            current = own.get(p).copied().flatten();
        }
    }
    for (kind, declared) in &f.declared_counts {
        let found = actual.get(kind.as_str()).copied().unwrap_or(0);
        if found != *declared {
            c.report(
                path,
                Some(&f.id),
                format!("declares {declared} item(s) of kind `{kind}` but has {found}"),
            );
        }
    }
    for kind in actual.keys() {
        if !f.declared_counts.contains_key(*kind) {
            c.report(
                path,
                Some(&f.id),
                format!("kind `{kind}` has no declared count"),
            );
        }
    }
}

fn check_crosswalk(
    c: &mut Checker,
    path: &str,
    x: &CrosswalkFile,
    framework_ids: &HashSet<&str>,
    kinds: &HashMap<&str, HashMap<&str, &str>>,
    frameworks: &[(String, FrameworkFile)],
) {
    let id = Some(x.id.as_str());
    c.non_empty(path, id, "title", &x.title);
    c.non_empty(path, id, "version", &x.version);
    c.non_empty(path, id, "authorship", &x.authorship);
    c.non_empty(path, id, "licence.name", &x.licence.name);
    for end in [&x.from_framework, &x.to_framework] {
        if !framework_ids.contains(end.as_str()) {
            c.report(path, id, format!("framework `{end}` does not exist"));
        }
    }
    let expected = format!("crosswalks/{}--{}.json", x.from_framework, x.to_framework);
    if path != expected {
        c.report(path, id, format!("file should be named {expected}"));
    }
    let empty = HashMap::new();
    let from_items = kinds.get(x.from_framework.as_str()).unwrap_or(&empty);
    let to_items = kinds.get(x.to_framework.as_str()).unwrap_or(&empty);
    let mut seen = HashSet::new();
    let mut mapped = HashSet::new();
    for m in &x.mappings {
        let pair = format!("{} -> {}", m.from, m.to);
        if !from_items.contains_key(m.from.as_str()) {
            c.report(
                path,
                Some(&pair),
                format!("`{}` is not an item of {}", m.from, x.from_framework),
            );
        }
        if !to_items.contains_key(m.to.as_str()) {
            c.report(
                path,
                Some(&pair),
                format!("`{}` is not an item of {}", m.to, x.to_framework),
            );
        }
        if m.rationale.trim().is_empty() {
            c.report(path, Some(&pair), "has no rationale");
        }
        if !seen.insert((m.from.as_str(), m.to.as_str())) {
            c.report(path, Some(&pair), "mapping is listed twice");
        }
        mapped.insert(m.from.as_str());
    }
    match x.coverage {
        Coverage::EveryFromItem => {
            if x.coverage_kinds.is_empty() {
                c.report(path, id, "coverage every-from-item needs coverage_kinds");
            }
            let from = frameworks.iter().find(|(_, f)| f.id == x.from_framework);
            for kind in &x.coverage_kinds {
                let Some((_, from)) = from else { break };
                let of_kind: Vec<_> = from.items.iter().filter(|i| &i.kind == kind).collect();
                if of_kind.is_empty() {
                    c.report(path, id, format!("no item of kind `{kind}` in {}", from.id));
                }
                for item in of_kind {
                    if !mapped.contains(item.id.as_str()) {
                        c.report(
                            path,
                            Some(&item.id),
                            "is not mapped, but the crosswalk claims every-from-item coverage",
                        );
                    }
                }
            }
        }
        Coverage::Listed => {}
    }
}
