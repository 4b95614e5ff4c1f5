//! Project use cases: create, open, answer (autosave), import, audit,
//! summarise (re-assessing is in `reassess.rs`). The desktop app keeps one project open between calls;
//! the CLI opens, acts and closes.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{MutexGuard, PoisonError};

use assay_engine::Answers;
use assay_store::{
    AnswerInput, Engagement, NewAssessment, OpenOptions, Project, Provenance, Stamp,
};
use chrono::Utc;
use serde_json::Value;

use crate::dto::{
    AssessmentSummary, InterviewState, LastReport, NewProject, ProjectSummary, RecentProject,
    SaveResult, Template,
};
use crate::{APP_VERSION, AppError, Assay, ErrorCode, recent};

/// An import checked and ready to write.
#[derive(Debug)]
pub(crate) struct PreparedImport {
    assessment_id: String,
    questionnaire: String,
    inputs: Vec<AnswerInput>,
    dropped: Vec<String>,
    merged: Answers,
}

/// The engagements Assay can start from. A template names the
/// questionnaires its project begins with.
const TEMPLATES: &[(&str, &str, &[&str])] = &[
    (
        "resume-screener",
        "AI résumé screener: EU AI Act classification (Annex III)",
        &["eu-ai-act"],
    ),
    (
        "predictive-maintenance",
        "Predictive-maintenance model: NIST AI RMF risk profile",
        &["ai-rmf"],
    ),
    (
        "soc2-readiness",
        "AI SaaS company: SOC 2 Type II readiness",
        &["soc2"],
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
            reviewer: String::new(),
            interviewees: Vec::new(),
        };
        check_engagement(&engagement)?;
        let stamp = Stamp::new(Utc::now(), &request.assessor);
        let project = {
            let kb = self.kb();
            let versions = questionnaires
                .iter()
                .map(|id| Ok((*id, self.find_questionnaire(id)?.version.clone())))
                .collect::<Result<Vec<_>, AppError>>()?;
            let assessments: Vec<NewAssessment<'_>> = versions
                .iter()
                .map(|(id, version)| NewAssessment {
                    questionnaire: id,
                    questionnaire_version: version,
                    kb_version: kb.version(),
                    kb_hash: kb.content_hash(),
                })
                .collect();
            // One step: the file appears complete with its assessments, or
            // not at all.
            Project::create(&path, &engagement, &assessments, &stamp, APP_VERSION)?
        };
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

    /// Closes the open project, first noting in the recent list where it
    /// stands now.
    pub fn project_close(&self) {
        if let Ok(summary) = self.project_summary() {
            self.remember_open(&summary);
        }
        *self.project() = None;
    }

    /// Writes a copy of the open project to `path` (never over an existing
    /// file) and continues there.
    pub fn project_save_as(&self, path: &Path) -> Result<ProjectSummary, AppError> {
        {
            let guard = self.project();
            let project = guard.as_ref().ok_or_else(no_project)?;
            project.backup_to(path)?;
        }
        self.project_open(path, false)
    }

    /// Replaces the engagement details (client, system, people, dates);
    /// the change is audited like any other.
    pub fn project_update_engagement(
        &self,
        engagement: &Engagement,
    ) -> Result<ProjectSummary, AppError> {
        check_engagement(engagement)?;
        {
            let mut guard = self.project();
            let project = guard.as_mut().ok_or_else(no_project)?;
            let stamp = Stamp::new(Utc::now(), &engagement.assessor);
            project.update_engagement(engagement, &stamp)?;
        }
        self.project_summary()
    }

    /// Adds an interview of `questionnaire` to the open project (a system
    /// card, say); refused when the project already has one.
    pub fn project_add_assessment(&self, questionnaire: &str) -> Result<ProjectSummary, AppError> {
        let version = self.find_questionnaire(questionnaire)?.version.clone();
        {
            let mut guard = self.project();
            let project = guard.as_mut().ok_or_else(no_project)?;
            if project
                .assessments()?
                .iter()
                .any(|a| a.questionnaire == questionnaire)
            {
                return Err(AppError::new(
                    ErrorCode::InvalidArgument,
                    format!("the project already has the `{questionnaire}` interview"),
                ));
            }
            let kb = self.kb();
            let stamp = Stamp::new(Utc::now(), project.engagement()?.assessor);
            project.add_assessment(
                &NewAssessment {
                    questionnaire,
                    questionnaire_version: &version,
                    kb_version: kb.version(),
                    kb_hash: kb.content_hash(),
                },
                &stamp,
            )?;
        }
        self.project_summary()
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
        let answers = judged_answers(project, assessment_id)?;
        let overrides = crate::registers::profile_overrides(project, assessment_id)?;
        self.interview_with(&assessment.questionnaire, &answers, &overrides)
    }

    /// Saves one answer (or clears it, with `value` null) and drops the
    /// answers the change made irrelevant, in one durable transaction, and
    /// returns the new interview state. Invalid answers are refused unsaved.
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
        let stored = stored_answers(project, assessment_id)?;
        let (before, _) = assay_engine::upgrade(questionnaire, &stored);
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
        let mut set: Vec<AnswerInput> = value
            .map(|v| AnswerInput {
                question_id: question_id.to_owned(),
                value: v,
                note: note.to_owned(),
                provenance,
            })
            .into_iter()
            .collect();
        // Answers carried over from retired questions are saved with the
        // change, so what is stored is what was judged.
        set.extend(carried_over(&stored, &kept, question_id));
        let dropped: Vec<String> = stored
            .keys()
            .filter(|k| !kept.contains_key(*k))
            .cloned()
            .collect();
        project.apply_answers(assessment_id, &set, &dropped, &stamp)?;
        let state = self.interview(&assessment.questionnaire, &kept)?;
        Ok(SaveResult {
            state,
            saved_at: stamp.at.to_rfc3339(),
            dropped,
        })
    }

    /// Imports a whole answer set in one transaction, dropping stored
    /// answers it makes irrelevant; refuses it unsaved if any answer is
    /// malformed. Imported answers are recorded as the client's.
    pub fn project_import_answers(
        &self,
        assessment_id: &str,
        answers: &Answers,
    ) -> Result<SaveResult, AppError> {
        let prepared = self.prepare_import(assessment_id, answers, &BTreeMap::new())?;
        self.apply_import(prepared)
    }

    /// Checks an import against the stored answers and works out what to
    /// write, without writing. `sources` gives a provenance and note per
    /// question; others are the client's, with no note.
    pub(crate) fn prepare_import(
        &self,
        assessment_id: &str,
        answers: &Answers,
        sources: &BTreeMap<String, (Provenance, String)>,
    ) -> Result<PreparedImport, AppError> {
        let guard = self.project();
        let project = guard.as_ref().ok_or_else(no_project)?;
        let assessment = project.assessment(assessment_id)?;
        let questionnaire = self.find_questionnaire(&assessment.questionnaire)?;
        let stored_rows = project.answers(assessment_id)?;
        let stored = stored_answers(project, assessment_id)?;
        let (given, _) = assay_engine::upgrade(questionnaire, answers);
        let (mut merged, _) = assay_engine::upgrade(questionnaire, &stored);
        merged.extend(given.iter().map(|(k, v)| (k.clone(), v.clone())));
        // Every imported answer must be acceptable; stored answers the
        // import makes irrelevant are dropped, as after any change.
        let problems: Vec<_> = assay_engine::check(questionnaire, &merged)
            .into_iter()
            .filter(|p| given.contains_key(&p.question))
            .collect();
        if !problems.is_empty() {
            return Err(assay_engine::EngineError::BadAnswers(problems).into());
        }
        let merged = assay_engine::prune(questionnaire, &merged);
        let source_of = |q: &str| {
            sources
                .get(q)
                .cloned()
                .unwrap_or((Provenance::ClientAsserted, String::new()))
        };
        let inputs: Vec<AnswerInput> = merged
            .iter()
            .filter(|(q, v)| {
                let row = stored_rows.iter().find(|r| &r.question_id == *q);
                let (provenance, note) = source_of(q);
                // Unchanged answers are not rewritten, so importing what is
                // already there changes nothing.
                !row.is_some_and(|r| {
                    &r.value == *v
                        && (!sources.contains_key(*q)
                            || (r.provenance == provenance && r.note == note))
                })
            })
            .map(|(q, v)| {
                let (provenance, note) = source_of(q);
                AnswerInput {
                    question_id: q.clone(),
                    value: v.clone(),
                    note,
                    provenance,
                }
            })
            .collect();
        let dropped: Vec<String> = stored
            .keys()
            .filter(|k| !merged.contains_key(*k))
            .cloned()
            .collect();
        Ok(PreparedImport {
            assessment_id: assessment_id.to_owned(),
            questionnaire: assessment.questionnaire,
            inputs,
            dropped,
            merged,
        })
    }

    pub(crate) fn apply_import(&self, prepared: PreparedImport) -> Result<SaveResult, AppError> {
        let stamp = {
            let mut guard = self.project();
            let project = guard.as_mut().ok_or_else(no_project)?;
            let stamp = Stamp::new(Utc::now(), project.engagement()?.assessor);
            project.apply_answers(
                &prepared.assessment_id,
                &prepared.inputs,
                &prepared.dropped,
                &stamp,
            )?;
            stamp
        };
        let state = self.interview(&prepared.questionnaire, &prepared.merged)?;
        if let Ok(summary) = self.project_summary() {
            self.remember_open(&summary);
        }
        Ok(SaveResult {
            state,
            saved_at: stamp.at.to_rfc3339(),
            dropped: prepared.dropped,
        })
    }

    pub fn project_export_json(&self) -> Result<Value, AppError> {
        let guard = self.project();
        Ok(guard.as_ref().ok_or_else(no_project)?.export_json()?)
    }

    pub fn project_audit(&self) -> Result<Vec<assay_store::AuditEntry>, AppError> {
        let guard = self.project();
        Ok(guard.as_ref().ok_or_else(no_project)?.audit_trail()?)
    }

    fn hold(&self, project: Project) -> Result<ProjectSummary, AppError> {
        let summary = self.summarise(&project)?;
        *self.project() = Some(project);
        self.remember_open(&summary);
        Ok(summary)
    }

    /// Puts the open project at the top of the recent list with where it
    /// stands: its main conclusion and how much is answered.
    fn remember_open(&self, summary: &ProjectSummary) {
        // A command line that does not add to the list still refreshes the
        // entry a window put there, so the start screen is not stale.
        if !self.remember_recent && !recent::lists(&self.paths, &summary.path) {
            return;
        }
        let mut headline = String::new();
        let (mut answered, mut asked) = (0u32, 0u32);
        for a in &summary.assessments {
            let Ok(state) = self.project_interview(&a.assessment.id) else {
                continue;
            };
            answered += u32::try_from(state.progress.answered).unwrap_or(u32::MAX);
            asked += u32::try_from(state.progress.asked.len()).unwrap_or(u32::MAX);
            if headline.is_empty() {
                headline = recent::headline(&state);
            }
        }
        let entry = RecentProject {
            path: summary.path.clone(),
            name: format!(
                "{} — {}",
                summary.engagement.client, summary.engagement.system_name
            ),
            opened_at: Utc::now().to_rfc3339(),
            headline,
            answered,
            asked,
        };
        if self.remember_recent {
            recent::remember(&self.paths, entry);
        } else {
            recent::refresh(&self.paths, entry);
        }
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
        let audit = project.audit_trail()?;
        let last_report = project.reports()?.pop().map(|r| {
            // Recording the report and sealing the history change nothing
            // the report says; anything else after its audit entry does.
            let since = r.audit_seq.unwrap_or(0);
            let matches_project = audit
                .iter()
                .filter(|e| e.seq > since)
                .all(|e| matches!(e.action.as_str(), "report.export" | "audit.seal"));
            LastReport {
                file_name: r.file_name,
                created_at: r.created_at,
                signer_fingerprint: r.signer_fingerprint,
                is_final: r.is_final,
                matches_project,
            }
        });
        Ok(ProjectSummary {
            path: path.display().to_string(),
            meta: project.meta()?,
            engagement: project.engagement()?,
            read_only: project.read_only().map(assay_store::ReadOnly::describe),
            assessments,
            evidence: project.evidence()?,
            audit_entries: u32::try_from(audit.len()).unwrap_or(u32::MAX),
            last_report,
        })
    }
}

pub(crate) fn no_project() -> AppError {
    AppError::new(
        ErrorCode::NoProjectOpen,
        "no project is open; create or open one first",
    )
}

/// The answers `kept` holds that `stored` did not (carried over from
/// retired questions), other than `except`.
fn carried_over<'a>(
    stored: &'a Answers,
    kept: &'a Answers,
    except: &'a str,
) -> impl Iterator<Item = AnswerInput> + 'a {
    kept.iter()
        .filter(move |(q, _)| q.as_str() != except && !stored.contains_key(*q))
        .map(|(q, v)| AnswerInput {
            question_id: q.clone(),
            value: v.clone(),
            note: String::new(),
            provenance: Provenance::ClientAsserted,
        })
}

pub(crate) fn stored_answers(project: &Project, assessment_id: &str) -> Result<Answers, AppError> {
    Ok(project
        .answers(assessment_id)?
        .into_iter()
        .map(|a| (a.question_id, a.value))
        .collect())
}

/// The answers as scored: a record answer with a `provenance` field that
/// was left empty takes the provenance the answer itself is saved with (a
/// control the assessor verified against evidence scores as verified).
pub(crate) fn judged_answers(project: &Project, assessment_id: &str) -> Result<Answers, AppError> {
    Ok(project
        .answers(assessment_id)?
        .into_iter()
        .map(|a| {
            let mut value = a.value;
            if let Value::Object(fields) = &mut value
                && fields.contains_key("status")
                && !fields.contains_key("provenance")
                && a.provenance != Provenance::ClientAsserted
            {
                fields.insert(
                    "provenance".into(),
                    Value::String(a.provenance.as_str().to_owned()),
                );
            }
            (a.question_id, value)
        })
        .collect())
}

/// Names that a report prints must be there, and dates must be dates.
fn check_engagement(e: &Engagement) -> Result<(), AppError> {
    let invalid = |message: String| Err(AppError::new(ErrorCode::InvalidArgument, message));
    for (what, value) in [("client", &e.client), ("assessor", &e.assessor)] {
        if value.trim().is_empty() {
            return invalid(format!("the {what} cannot be empty"));
        }
    }
    for date in [&e.start_date, &e.end_date].into_iter().flatten() {
        if chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_err() {
            return invalid(format!("`{date}` is not a date in YYYY-MM-DD form"));
        }
    }
    if let (Some(start), Some(end)) = (&e.start_date, &e.end_date)
        && end < start
    {
        return invalid(format!(
            "the engagement ends ({end}) before it starts ({start})"
        ));
    }
    if e.interviewees.iter().any(|p| p.trim().is_empty()) {
        return invalid("an interviewee's name cannot be empty".to_owned());
    }
    Ok(())
}
