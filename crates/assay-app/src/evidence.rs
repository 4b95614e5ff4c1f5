//! Evidence use cases: add a file (checked and linked in one step, or not
//! at all), and extract one to a file the user names.

use std::path::{Path, PathBuf};

use assay_store::output::Target;
use assay_store::{EvidenceInfo, NewEvidence, Stamp};
use chrono::Utc;
use serde::Deserialize;
use ts_rs::TS;

use crate::project::no_project;
use crate::{AppError, Assay, ErrorCode, files};

/// What a link names: an answer of an assessment, or a knowledge-base item.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EvidenceLink {
    Answer {
        assessment: String,
        question: String,
    },
    KbItem {
        id: String,
    },
}

impl Assay {
    /// Adds a regular file as evidence. Every link is checked before a
    /// byte is stored, and the file and its links are saved together.
    pub fn evidence_add(
        &self,
        file: &Path,
        links: &[EvidenceLink],
        kind: &str,
        collected_on: Option<&str>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<EvidenceInfo, AppError> {
        let known_kind = kind.is_empty()
            || self
                .readiness
                .iter()
                .any(|r| r.evidence_kinds.iter().any(|k| k.id == kind));
        if !known_kind {
            return Err(AppError::unknown_id("evidence kind", kind));
        }
        let mut guard = self.project();
        let project = guard.as_mut().ok_or_else(no_project)?;
        project.check_writable()?;
        let stored_links = links
            .iter()
            .map(|link| self.stored_link(project, link))
            .collect::<Result<Vec<_>, _>>()?;
        let (mut reader, size) = files::open_regular(file, "evidence")?;
        let name = file.file_name().map_or_else(
            || "evidence".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        let new = NewEvidence {
            media_type: media_type(&name).to_owned(),
            file_name: name,
            kind: kind.to_owned(),
            collected_on: collected_on.map(str::to_owned),
            links: stored_links,
        };
        let stamp = Stamp::new(Utc::now(), project.engagement()?.assessor);
        Ok(project.add_evidence(&mut reader, size, &new, &stamp, progress)?)
    }

    /// Links evidence already in the project to answers or provisions, say
    /// from the obligation register to a duty's article. Every link is
    /// checked first and all are saved together; linking twice changes
    /// nothing (and records nothing).
    pub fn evidence_link(
        &self,
        evidence_id: &str,
        links: &[EvidenceLink],
    ) -> Result<EvidenceInfo, AppError> {
        if links.is_empty() {
            return Err(AppError::new(
                ErrorCode::InvalidArgument,
                "name at least one answer or knowledge-base item to link the evidence to",
            ));
        }
        let mut guard = self.project();
        let project = guard.as_mut().ok_or_else(no_project)?;
        project.check_writable()?;
        let stored = links
            .iter()
            .map(|link| self.stored_link(project, link))
            .collect::<Result<Vec<_>, _>>()?;
        let pairs: Vec<(&str, &str)> = stored
            .iter()
            .map(|(k, t)| (k.as_str(), t.as_str()))
            .collect();
        let stamp = Stamp::new(Utc::now(), project.engagement()?.assessor);
        project.link_evidence_all(evidence_id, &pairs, &stamp)?;
        Ok(project.evidence_info(evidence_id)?)
    }

    /// A link as the store keeps it (kind, target), once its target is
    /// known to exist: a knowledge-base item, or a question of an
    /// assessment in this project.
    fn stored_link(
        &self,
        project: &assay_store::Project,
        link: &EvidenceLink,
    ) -> Result<(String, String), AppError> {
        match link {
            EvidenceLink::KbItem { id } => {
                if self.kb().item(id).is_none() {
                    return Err(AppError::unknown_id("knowledge-base item", id));
                }
                Ok(("kb_item".to_owned(), id.clone()))
            }
            EvidenceLink::Answer {
                assessment,
                question,
            } => {
                let a = project.assessment(assessment)?;
                let q = self.find_questionnaire(&a.questionnaire)?;
                if q.question(question).is_none() {
                    return Err(AppError::unknown_id("question", question));
                }
                Ok(("answer".to_owned(), format!("{assessment}/{question}")))
            }
        }
    }

    /// Writes evidence `id` into `folder` under its stored (sanitised) name;
    /// an existing file of that name is replaced only with `force`.
    pub fn evidence_extract(
        &self,
        id: &str,
        folder: &Path,
        force: bool,
    ) -> Result<PathBuf, AppError> {
        let guard = self.project();
        let project = guard.as_ref().ok_or_else(no_project)?;
        let info = project.evidence_info(id)?;
        if !folder.is_dir() {
            let problem = if folder.exists() {
                "is a file, not a folder; name the folder to extract into"
            } else {
                "the folder does not exist; create it first or choose another"
            };
            return Err(AppError::new(
                ErrorCode::MissingFolder,
                format!("{}: {problem}", folder.display()),
            ));
        }
        let target = folder.join(assay_store::sanitise_file_name(&info.file_name));
        let spec = Target {
            path: &target,
            force,
            open_project: Some(project.path()),
            private: false,
        };
        assay_store::output::write_file(&spec, &mut |f| {
            project
                .extract_evidence(id, f)
                .map(drop)
                .map_err(|e| std::io::Error::other(e.to_string()))
        })?;
        Ok(target)
    }
}

fn media_type(name: &str) -> &'static str {
    match name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .as_deref()
    {
        Some("pdf") => "application/pdf",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("txt" | "log" | "md") => "text/plain",
        Some("csv") => "text/csv",
        Some("json") => "application/json",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Some("zip") => "application/zip",
        _ => "application/octet-stream",
    }
}
