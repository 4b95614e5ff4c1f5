//! Knowledge-base use cases: browse, show, search, map, validate, import.

use std::{collections::BTreeMap, fs, path::Path};

use assay_kb::{AssetFile, FrameworkFile, Item, KnowledgeBase, Statement, oscal};

use crate::dto::*;
use crate::{APP_VERSION, AppError, Assay, ErrorCode, statements};

impl Assay {
    /// What the start screen shows: versions, knowledge-base contents and
    /// the recent projects.
    pub fn app_info(&self) -> AppInfo {
        AppInfo {
            app_version: APP_VERSION.to_owned(),
            kb: self.kb_summary(),
            recent_projects: crate::recent::load(&self.paths).unwrap_or_default(),
            warnings: self.warnings.clone(),
        }
    }

    pub fn kb_summary(&self) -> KbSummary {
        let kb = self.kb();
        KbSummary {
            version: kb.version().to_owned(),
            content_hash: kb.content_hash().to_owned(),
            frameworks: kb.frameworks().iter().map(framework_summary).collect(),
            crosswalks: kb
                .crosswalks()
                .iter()
                .map(|x| CrosswalkSummary {
                    id: x.id.clone(),
                    title: x.title.clone(),
                    from_framework: x.from_framework.clone(),
                    to_framework: x.to_framework.clone(),
                    mappings: count(x.mappings.len()),
                    authorship: x.authorship.clone(),
                })
                .collect(),
            imported_statements: count(kb.statement_count()),
        }
    }

    /// A framework's items as a tree, in file order.
    pub fn kb_tree(&self, framework: &str) -> Result<FrameworkTree, AppError> {
        let kb = self.kb();
        let f = kb
            .framework(framework)
            .ok_or_else(|| AppError::unknown_id("framework", framework))?;
        let roots = f
            .items
            .iter()
            .filter(|i| i.parent.is_none())
            .map(|i| tree_node(&kb, f, i))
            .collect();
        Ok(FrameworkTree {
            framework: framework_summary(f),
            roots,
        })
    }

    /// Every item of one framework, or of all, in file order.
    pub fn kb_list(&self, framework: Option<&str>) -> Result<Vec<ItemRef>, AppError> {
        let kb = self.kb();
        let frameworks: Vec<&FrameworkFile> = match framework {
            Some(id) => vec![
                kb.framework(id)
                    .ok_or_else(|| AppError::unknown_id("framework", id))?,
            ],
            None => kb.frameworks().iter().collect(),
        };
        Ok(frameworks
            .into_iter()
            .flat_map(|f| f.items.iter().map(move |i| item_ref(&f.id, i)))
            .collect())
    }

    pub fn kb_item(&self, id: &str) -> Result<ItemDetail, AppError> {
        let kb = self.kb();
        let id = resolve(&kb, id)?;
        let item = kb
            .item(&id)
            .ok_or_else(|| AppError::unknown_id("item", &id))?;
        let framework = kb.framework_of(&id).expect("an item's framework exists");
        let refs = |items: Vec<&Item>| items.into_iter().map(|i| to_ref(&kb, i)).collect();
        Ok(ItemDetail {
            item: item_ref(&framework.id, item),
            framework_title: framework.title.clone(),
            summary: item.summary.clone(),
            statement: kb.statement(&id).map(|s| ImportedStatement {
                text: s.text.clone(),
                source: s.source.clone(),
            }),
            ancestors: refs(kb.ancestors(&id)),
            children: refs(kb.children(&id)),
            cites: refs(item.cites.iter().filter_map(|c| kb.item(c)).collect()),
            cited_by: refs(kb.cited_by(&id)),
            crosswalk: links(&kb, &id),
            baselines: item
                .baselines
                .iter()
                .map(|b| format!("{b:?}").to_uppercase())
                .collect(),
            withdrawn: item.withdrawn,
        })
    }

    /// Crosswalk neighbours of an item.
    pub fn kb_map(&self, id: &str) -> Result<Vec<CrosswalkLink>, AppError> {
        let kb = self.kb();
        let id = resolve(&kb, id)?;
        Ok(links(&kb, &id))
    }

    pub fn kb_search(&self, query: &str, limit: u32) -> Result<Vec<SearchHitDto>, AppError> {
        if query.trim().is_empty() {
            return Err(AppError::new(
                ErrorCode::InvalidArgument,
                "the search query is empty",
            ));
        }
        let kb = self.kb();
        Ok(kb
            .search(query, limit as usize)
            .into_iter()
            .map(|hit| SearchHitDto {
                item: to_ref(&kb, hit.item),
                score: hit.score,
            })
            .collect())
    }

    /// Reads an official OSCAL catalogue from `file`, stores its statements
    /// in the user's data directory and attaches them to matching items.
    pub fn kb_import_oscal(&self, file: &Path) -> Result<OscalImportReport, AppError> {
        let text = fs::read_to_string(file).map_err(|e| AppError::io("read", file, &e))?;
        let parsed = oscal::parse_catalog(&text).map_err(|e| {
            AppError::new(
                ErrorCode::NotOscalCatalog,
                format!("{}: {e}", file.display()),
            )
        })?;
        let source = format!("{} (version {})", parsed.title, parsed.version);
        let mut matched = BTreeMap::new();
        let mut unmatched = Vec::new();
        {
            let kb = self.kb();
            for (label, text) in parsed.statements {
                let id = format!("nist-800-53r5:{label}");
                if kb.item(&id).is_some() {
                    matched.insert(
                        id,
                        Statement {
                            text,
                            source: source.clone(),
                        },
                    );
                } else {
                    unmatched.push(label);
                }
            }
        }
        if matched.is_empty() {
            return Err(AppError::new(
                ErrorCode::NotOscalCatalog,
                format!(
                    "{}: none of its {} controls matches a NIST SP 800-53 Rev 5 item",
                    file.display(),
                    unmatched.len()
                ),
            ));
        }
        statements::merge(&self.paths, &matched)?;
        let report = OscalImportReport {
            catalog_title: parsed.title,
            catalog_version: parsed.version,
            matched: count(matched.len()),
            unmatched,
            stored_at: self.paths.statements_file().display().to_string(),
        };
        let mut kb = self
            .kb
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        kb.attach_statements(matched);
        Ok(report)
    }
}

/// Validates the knowledge base and questionnaires compiled into this build.
pub fn validate_bundled() -> Vec<DiagnosticDto> {
    validate_files(&assay_kb::bundled_files())
}

/// Knowledge-base problems first; the questionnaires are checked against the
/// knowledge base only when it loads, and the risk catalogues against both
/// only when the questionnaires load.
fn validate_files(files: &[AssetFile<'_>]) -> Vec<DiagnosticDto> {
    let Ok(kb) = KnowledgeBase::load(files) else {
        return diagnostics(KnowledgeBase::validate(files));
    };
    match assay_engine::load_questionnaires(&kb, files) {
        Ok(questionnaires) => {
            let mut problems =
                assay_engine::risk_profile::validate_profiles(&kb, files, &questionnaires);
            problems.extend(assay_engine::soc2::validate_rules(
                &kb,
                files,
                &questionnaires,
            ));
            problems.extend(assay_practice::validate(&kb, files));
            diagnostics(problems)
        }
        Err(_) => diagnostics(assay_engine::validate_questionnaires(&kb, files)),
    }
}

/// Validates the data files of an `assets/` folder on disk, as an author
/// would before rebuilding.
pub fn validate_assets_dir(dir: &Path) -> Result<Vec<DiagnosticDto>, AppError> {
    let mut files = Vec::new();
    collect_json(dir, dir, &mut files)?;
    files.sort();
    let borrowed: Vec<AssetFile<'_>> = files
        .iter()
        .map(|(path, text)| AssetFile { path, text })
        .collect();
    Ok(validate_files(&borrowed))
}

fn collect_json(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) -> Result<(), AppError> {
    let entries = fs::read_dir(dir).map_err(|e| AppError::io("read", dir, &e))?;
    for entry in entries {
        let path = entry.map_err(|e| AppError::io("read", dir, &e))?.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "schema") {
                collect_json(root, &path, out)?;
            }
        } else if path.extension().is_some_and(|e| e == "json") {
            let text = fs::read_to_string(&path).map_err(|e| AppError::io("read", &path, &e))?;
            let relative = path.strip_prefix(root).unwrap_or(&path);
            out.push((relative.to_string_lossy().replace('\\', "/"), text));
        }
    }
    Ok(())
}

fn diagnostics(list: Vec<assay_kb::Diagnostic>) -> Vec<DiagnosticDto> {
    list.into_iter()
        .map(|d| DiagnosticDto {
            file: d.file,
            id: d.id,
            message: d.message,
        })
        .collect()
}

/// Accepts an exact ID or any spelling that search ranks as an exact ID
/// match (`cc6.1`, `AC-02(01)`), so the CLI forgives case and padding.
fn resolve(kb: &KnowledgeBase, id: &str) -> Result<String, AppError> {
    if kb.item(id).is_some() {
        return Ok(id.to_owned());
    }
    let key = assay_kb::id_key(id);
    let exact: Vec<_> = kb
        .search(id, 5)
        .into_iter()
        .filter(|hit| {
            assay_kb::id_key(&hit.item.id) == key || assay_kb::id_key(&hit.item.label) == key
        })
        .collect();
    match exact.as_slice() {
        [only] => Ok(only.item.id.clone()),
        _ => Err(AppError::unknown_id("item", id)),
    }
}

fn links(kb: &KnowledgeBase, id: &str) -> Vec<CrosswalkLink> {
    kb.neighbours(id)
        .into_iter()
        .map(|n| CrosswalkLink {
            crosswalk: n.crosswalk.to_owned(),
            relationship: format!("{:?}", n.relationship).to_lowercase(),
            direction: if n.outgoing { "outgoing" } else { "incoming" }.to_owned(),
            rationale: n.rationale.to_owned(),
            item: to_ref(kb, n.item),
        })
        .collect()
}

fn framework_summary(f: &FrameworkFile) -> FrameworkSummary {
    let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
    for item in &f.items {
        *counts.entry(&item.kind).or_insert(0) += 1;
    }
    FrameworkSummary {
        id: f.id.clone(),
        title: f.title.clone(),
        short_title: f.short_title.clone(),
        version: f.version.clone(),
        licence: f.licence.name.clone(),
        official_text_shipped: f.licence.official_text_shipped,
        source_url: f.source.url.clone(),
        counts: counts
            .into_iter()
            .map(|(kind, count)| KindCount {
                kind: kind.to_owned(),
                count,
            })
            .collect(),
        total_items: count(f.items.len()),
    }
}

fn tree_node(kb: &KnowledgeBase, f: &FrameworkFile, item: &Item) -> TreeNode {
    TreeNode {
        item: item_ref(&f.id, item),
        withdrawn: item.withdrawn,
        children: kb
            .children(&item.id)
            .into_iter()
            .map(|child| tree_node(kb, f, child))
            .collect(),
    }
}

pub(crate) fn to_ref(kb: &KnowledgeBase, item: &Item) -> ItemRef {
    let framework = kb.framework_of(&item.id).map_or("", |f| f.id.as_str());
    item_ref(framework, item)
}

fn item_ref(framework: &str, item: &Item) -> ItemRef {
    ItemRef {
        id: item.id.clone(),
        framework: framework.to_owned(),
        kind: item.kind.clone(),
        label: item.label.clone(),
        title: item.title.clone(),
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
