//! Project use cases: create, open, answer (autosave), evidence, audit,
//! verify, re-assess. The desktop app keeps one project open between calls;
//! the CLI opens, acts and closes.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{MutexGuard, PoisonError};

use assay_engine::{Answers, eu_ai_act::Verdict};
use assay_store::{AnswerInput, Engagement, OpenOptions, Project, Provenance, Stamp};
use chrono::Utc;
use serde_json::Value;

use crate::dto::{
    AssessmentSummary, InterviewState, NewProject, ProjectSummary, Reassessment, SaveResult,
    Template,
};
use crate::{APP_VERSION, AppError, Assay, ErrorCode, recent};

/// The engagements Assay can start from. A template names the
/// questionnaires its project begins with.
const TEMPLATES: &[(&str, &str, &[&str])] = &[
    (
        "resume-screener",
        "AI résumé screener: EU AI Act classification (Annex III)",
        &["eu-ai-act"],
    ),
    ("blank", "Blank engagement", &[]),
];

impl Assay {
    pub fn templates(&self) -> Vec<Template> {
        TEMPLATES
            .iter()
            .map(|(id, title, questionnaires)| Template {
                id: (*id).to_owned(),
                title: (*title).to_owned(),
                questionnaires: questionnaires.iter().map(|q| (*q).to_owned()).collect(),
            })
            .collect()
    }

    /// Creates a project file from a template and keeps it open.
    pub fn project_new(&self, request: &NewProject) -> Result<ProjectSummary, AppError> {
        let (_, _, questionnaires) = TEMPLATES
            .iter()
            .find(|(id, _, _)| *id == request.template)
            .ok_or_else(|| AppError::unknown_id("template", &request.template))?;
        let path = PathBuf::from(&request.path);
        let engagement = Engagement {
            client: request.client.clone(),
            system_name: request.system_name.clone(),
            system_description: request.system_description.clone(),
            assessor: request.assessor.clone(),
            start_date: None,
            end_date: None,
            template: request.template.clone(),
        };
        let stamp = Stamp::new(Utc::now(), &request.assessor);
        let mut project = Project::create(&path, &engagement, &stamp, APP_VERSION)?;
        {
            let kb = self.kb();
            for id in *questionnaires {
                let q = self.find_questionnaire(id)?;
                project.add_assessment(id, &q.version, kb.version(), kb.content_hash(), &stamp)?;
            }
        }
        self.hold(project)
    }

    /// Opens a project (read-only on request or when it must be) and keeps
    /// it open, closing any other.
    pub fn project_open(&self, path: &Path, read_only: bool) -> Result<ProjectSummary, AppError> {
        self.project_close();
        let options = OpenOptions {
            read_only,
            backup_dir: Some(self.paths.data_dir.join("backups")),
            now: Utc::now(),
            app_version: APP_VERSION.to_owned(),
        };
        let project = Project::open(path, &options)?;
        self.hold(project)
    }

    pub fn project_close(&self) {
        *self.project() = None;
    }

    /// Writes a copy of the open project to `path` and continues there.
    pub fn project_save_as(&self, path: &Path) -> Result<ProjectSummary, AppError> {
        if path.exists() {
            return Err(AppError::new(
                ErrorCode::AlreadyExists,
                format!("{} already exists; choose another name", path.display()),
            ));
        }
        {
            let guard = self.project();
            let project = guard.as_ref().ok_or_else(no_project)?;
            project.backup_to(path)?;
        }
        self.project_open(path, false)
    }

    pub fn project_summary(&self) -> Result<ProjectSummary, AppError> {
        let guard = self.project();
        let project = guard.as_ref().ok_or_else(no_project)?;
        self.summarise(project)
    }

    /// The interview state of an assessment, from its saved answers.
    pub fn project_interview(&self, assessment_id: &str) -> Result<InterviewState, AppError> {
        let guard = self.project();
        let project = guard.as_ref().ok_or_else(no_project)?;
        let assessment = project.assessment(assessment_id)?;
        let answers = stored_answers(project, assessment_id)?;
        self.interview(&assessment.questionnaire, &answers)
    }

    /// Saves one answer (or clears it, with `value` null) in its own durable
    /// transaction, drops answers the change made irrelevant, and returns
    /// the new interview state. Invalid answers are refused unsaved.
    pub fn project_answer(
        &self,
        assessment_id: &str,
        question_id: &str,
        value: Option<Value>,
        note: &str,
        provenance: Provenance,
    ) -> Result<SaveResult, AppError> {
        let mut guard = self.project();
        let project = guard.as_mut().ok_or_else(no_project)?;
        let assessment = project.assessment(assessment_id)?;
        let questionnaire = self.find_questionnaire(&assessment.questionnaire)?;
        let before = stored_answers(project, assessment_id)?;
        let mut after = before.clone();
        match &value {
            Some(v) => after.insert(question_id.to_owned(), v.clone()),
            None => after.remove(question_id),
        };
        let kept = assay_engine::prune(questionnaire, &after);
        let problems = assay_engine::check(questionnaire, &after);
        if value.is_some() && !kept.contains_key(question_id)
            || problems.iter().any(|p| p.question == question_id)
        {
            return Err(assay_engine::EngineError::BadAnswers(problems).into());
        }
        let stamp = Stamp::new(Utc::now(), project.engagement()?.assessor);
        if let Some(v) = value {
            let input = AnswerInput {
                question_id: question_id.to_owned(),
                value: v,
                note: note.to_owned(),
                provenance,
            };
            project.save_answers(assessment_id, &[input], &stamp)?;
        }
        let dropped: Vec<String> = before
            .keys()
            .filter(|k| !kept.contains_key(*k))
            .cloned()
            .collect();
        if !dropped.is_empty() {
            project.clear_answers(assessment_id, &dropped, &stamp)?;
        }
        let state = self.interview(&assessment.questionnaire, &kept)?;
        Ok(SaveResult {
            state,
            saved_at: stamp.at.to_rfc3339(),
            dropped,
        })
    }

    /// Imports a whole answer set in one transaction; refuses it unsaved if
    /// any answer is malformed.
    pub fn project_import_answers(
        &self,
        assessment_id: &str,
        answers: &Answers,
    ) -> Result<SaveResult, AppError> {
        let mut guard = self.project();
        let project = guard.as_mut().ok_or_else(no_project)?;
        let assessment = project.assessment(assessment_id)?;
        let questionnaire = self.find_questionnaire(&assessment.questionnaire)?;
        let mut merged = stored_answers(project, assessment_id)?;
        merged.extend(answers.iter().map(|(k, v)| (k.clone(), v.clone())));
        let problems = assay_engine::check(questionnaire, &merged);
        if !problems.is_empty() {
            return Err(assay_engine::EngineError::BadAnswers(problems).into());
        }
        let stamp = Stamp::new(Utc::now(), project.engagement()?.assessor);
        let inputs: Vec<AnswerInput> = answers
            .iter()
            .map(|(q, v)| AnswerInput {
                question_id: q.clone(),
                value: v.clone(),
                note: String::new(),
                provenance: Provenance::ClientAsserted,
            })
            .collect();
        project.save_answers(assessment_id, &inputs, &stamp)?;
        let state = self.interview(&assessment.questionnaire, &merged)?;
        Ok(SaveResult {
            state,
            saved_at: stamp.at.to_rfc3339(),
            dropped: Vec::new(),
        })
    }

    pub fn project_export_json(&self) -> Result<Value, AppError> {
        let guard = self.project();
        Ok(guard.as_ref().ok_or_else(no_project)?.export_json()?)
    }

    pub fn project_verify(&self) -> Result<assay_store::Verification, AppError> {
        let guard = self.project();
        Ok(guard.as_ref().ok_or_else(no_project)?.verify()?)
    }

    pub fn project_audit(&self) -> Result<Vec<assay_store::AuditEntry>, AppError> {
        let guard = self.project();
        Ok(guard.as_ref().ok_or_else(no_project)?.audit_trail()?)
    }

    /// Adds a file as evidence, optionally linked to an answer
    /// (`<assessment>/<question>`) or a knowledge-base item.
    pub fn evidence_add(
        &self,
        file: &Path,
        link: Option<(&str, &str)>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<assay_store::EvidenceInfo, AppError> {
        let mut guard = self.project();
        let project = guard.as_mut().ok_or_else(no_project)?;
        let mut reader = fs::File::open(file).map_err(|e| AppError::io("open", file, &e))?;
        let size = reader
            .metadata()
            .map_err(|e| AppError::io("read", file, &e))?
            .len();
        let name = file.file_name().map_or_else(
            || "evidence".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        let stamp = Stamp::new(Utc::now(), project.engagement()?.assessor);
        let info = project.add_evidence(
            &mut reader,
            size,
            &name,
            media_type(&name),
            &stamp,
            progress,
        )?;
        if let Some((kind, target)) = link {
            if kind == "kb_item" && self.kb().item(target).is_none() {
                return Err(AppError::unknown_id("knowledge-base item", target));
            }
            project.link_evidence(&info.id, kind, target, &stamp)?;
            return Ok(project.evidence_info(&info.id)?);
        }
        Ok(info)
    }

    /// Writes evidence `id` into `folder` under its sanitised name, never
    /// overwriting; returns the file written.
    pub fn evidence_extract(&self, id: &str, folder: &Path) -> Result<PathBuf, AppError> {
        let guard = self.project();
        let project = guard.as_ref().ok_or_else(no_project)?;
        let info = project.evidence_info(id)?;
        fs::create_dir_all(folder).map_err(|e| AppError::io("create", folder, &e))?;
        let target = free_name(folder, &assay_store::sanitise_file_name(&info.file_name));
        let partial = target.with_extension("partial");
        let mut out =
            fs::File::create(&partial).map_err(|e| AppError::io("create", &partial, &e))?;
        let result = project.extract_evidence(id, &mut out).and_then(|_| {
            out.sync_all().map_err(|e| assay_store::StoreError::Io {
                path: partial.clone(),
                source: e,
            })
        });
        if let Err(e) = result {
            let _ = fs::remove_file(&partial);
            return Err(e.into());
        }
        fs::rename(&partial, &target).map_err(|e| AppError::io("rename", &target, &e))?;
        Ok(target)
    }

    /// Re-scores an assessment against the current knowledge base and says
    /// what changed since the verdict the user last accepted.
    pub fn project_reassess(&self, assessment_id: &str) -> Result<Reassessment, AppError> {
        let guard = self.project();
        let project = guard.as_ref().ok_or_else(no_project)?;
        let assessment = project.assessment(assessment_id)?;
        let answers = stored_answers(project, assessment_id)?;
        let current = self.assess(&assessment.questionnaire, &answers)?;
        let kb = self.kb();
        let changes = describe_changes(assessment.verdict_snapshot.as_ref(), &current);
        Ok(Reassessment {
            assessment_id: assessment_id.to_owned(),
            recorded_kb_version: assessment.kb_version,
            recorded_kb_hash: assessment.kb_hash.clone(),
            current_kb_version: kb.version().to_owned(),
            current_kb_hash: kb.content_hash().to_owned(),
            kb_changed: assessment.kb_hash != kb.content_hash(),
            changes,
            verdict: current,
        })
    }

    /// Accepts the current verdict: records it and the knowledge base it
    /// came from.
    pub fn project_accept_verdict(&self, assessment_id: &str) -> Result<Reassessment, AppError> {
        let review = self.project_reassess(assessment_id)?;
        let mut guard = self.project();
        let project = guard.as_mut().ok_or_else(no_project)?;
        let stamp = Stamp::new(Utc::now(), project.engagement()?.assessor);
        let snapshot = serde_json::to_value(&review.verdict)
            .map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
        project.accept_verdict(
            assessment_id,
            &snapshot,
            &review.current_kb_version,
            &review.current_kb_hash,
            &stamp,
        )?;
        drop(guard);
        self.project_reassess(assessment_id)
    }

    fn hold(&self, project: Project) -> Result<ProjectSummary, AppError> {
        let summary = self.summarise(&project)?;
        *self.project() = Some(project);
        recent::remember(
            &self.paths,
            &summary.path,
            &summary.engagement.client,
            &summary.engagement.system_name,
            &Utc::now().to_rfc3339(),
        );
        Ok(summary)
    }

    pub(crate) fn project(&self) -> MutexGuard<'_, Option<Project>> {
        self.project.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn summarise(&self, project: &Project) -> Result<ProjectSummary, AppError> {
        let kb = self.kb();
        let mut assessments = Vec::new();
        for a in project.assessments()? {
            let answers = project.answers(&a.id)?;
            let title = self
                .questionnaires
                .iter()
                .find(|q| q.id == a.questionnaire)
                .map_or_else(|| a.questionnaire.clone(), |q| q.title.clone());
            assessments.push(AssessmentSummary {
                kb_is_current: a.kb_hash == kb.content_hash(),
                questionnaire_title: title,
                answered: u32::try_from(answers.len()).unwrap_or(u32::MAX),
                assessment: a,
            });
        }
        let path = fs::canonicalize(project.path()).unwrap_or_else(|_| project.path().to_owned());
        Ok(ProjectSummary {
            path: path.display().to_string(),
            meta: project.meta()?,
            engagement: project.engagement()?,
            read_only: project.read_only().map(assay_store::ReadOnly::describe),
            assessments,
            evidence: project.evidence()?,
            audit_entries: u32::try_from(project.audit_trail()?.len()).unwrap_or(u32::MAX),
        })
    }
}

fn no_project() -> AppError {
    AppError::new(
        ErrorCode::NoProjectOpen,
        "no project is open; create or open one first",
    )
}

fn stored_answers(project: &Project, assessment_id: &str) -> Result<Answers, AppError> {
    Ok(project
        .answers(assessment_id)?
        .into_iter()
        .map(|a| (a.question_id, a.value))
        .collect())
}

/// What changed between the accepted verdict and the current one.
fn describe_changes(accepted: Option<&Value>, current: &Verdict) -> Vec<String> {
    let Some(old) = accepted else {
        return vec!["no verdict has been accepted yet".to_owned()];
    };
    let mut changes = Vec::new();
    let new = serde_json::to_value(current).unwrap_or_default();
    if old["risk_class"] != new["risk_class"] {
        changes.push(format!(
            "risk class: {} → {}",
            old["risk_class"], new["risk_class"]
        ));
    }
    if old["legal_basis"] != new["legal_basis"] {
        changes.push(format!(
            "legal basis: {} → {}",
            old["legal_basis"], new["legal_basis"]
        ));
    }
    let duties = |v: &Value| -> BTreeSet<(String, String)> {
        v["obligations"]
            .as_array()
            .map(|list| {
                list.iter()
                    .map(|o| {
                        (
                            o["id"].as_str().unwrap_or_default().to_owned(),
                            o["applies_from"].as_str().unwrap_or_default().to_owned(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let (before, after) = (duties(old), duties(&new));
    let ids = |set: &BTreeSet<(String, String)>| {
        set.iter()
            .map(|(id, _)| id.clone())
            .collect::<BTreeSet<_>>()
    };
    for id in ids(&after).difference(&ids(&before)) {
        changes.push(format!("new obligation: {id}"));
    }
    for id in ids(&before).difference(&ids(&after)) {
        changes.push(format!("obligation no longer applies: {id}"));
    }
    for (id, date) in &after {
        if let Some((_, old_date)) = before.iter().find(|(i, d)| i == id && d != date) {
            changes.push(format!("deadline of {id}: {old_date} → {date}"));
        }
    }
    changes
}

fn free_name(folder: &Path, name: &str) -> PathBuf {
    let candidate = folder.join(name);
    if !candidate.exists() {
        return candidate;
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s.to_owned(), format!(".{e}")),
        _ => (name.to_owned(), String::new()),
    };
    (2..)
        .map(|n| folder.join(format!("{stem} ({n}){ext}")))
        .find(|p| !p.exists())
        .unwrap_or(candidate)
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
