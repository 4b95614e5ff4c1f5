//! Report use cases: gather the open project into report data, render,
//! sign, record the export; verify a PDF; manage the signer identity.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use assay_engine::{AnswerType, Answers};
use assay_report::identity::{Identity, StoredIdentity};
use assay_report::{
    AnswerRow, AssessmentReport, CompletenessRow, CoverageRow, EngagementInfo, EvidenceRow,
    OverrideRow, ReportData, Section, SignerInfo,
};
use assay_store::Stamp;
use chrono::Utc;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::dto::{IdentityInfo, ReportExport};
use crate::{APP_VERSION, AppError, Assay, ErrorCode, statements};

/// Who signs an export.
#[derive(Debug, Clone)]
pub enum Signing {
    Unsigned,
    /// The built-in, clearly labelled demonstration identity.
    Demo,
    /// The user's stored identity, unlocked with this passphrase.
    Stored(String),
}

impl Assay {
    /// The report data for the open project, as it would be rendered.
    pub fn report_data(&self, signer: Option<SignerInfo>) -> Result<ReportData, AppError> {
        let summary = self.project_summary()?;
        let mut assessments = Vec::new();
        for a in &summary.assessments {
            let q = self.find_questionnaire(&a.assessment.questionnaire)?;
            let stored = {
                let guard = self.project();
                guard
                    .as_ref()
                    .map(|p| p.answers(&a.assessment.id))
                    .transpose()?
                    .unwrap_or_default()
            };
            // The interview state from the answers just read, rather than
            // reading them again.
            let given: Answers = stored
                .iter()
                .map(|s| (s.question_id.clone(), s.value.clone()))
                .collect();
            let state = self.interview(&a.assessment.questionnaire, &given)?;
            let answers = stored
                .iter()
                .map(|s| {
                    let question = q.question(&s.question_id);
                    AnswerRow {
                        question_id: s.question_id.clone(),
                        prompt: question
                            .map_or_else(|| s.question_id.clone(), |q| q.prompt.clone()),
                        answer: question
                            .map_or_else(|| s.value.to_string(), |q| answer_text(q, &s.value)),
                        note: s.note.clone(),
                        provenance: serde_json::to_value(s.provenance)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_owned))
                            .unwrap_or_default(),
                        answered_by: s.answered_by.clone(),
                        answered_at: s.answered_at.clone(),
                    }
                })
                .collect();
            let answered = &state.answers;
            let completeness = q
                .sections
                .iter()
                .map(|section| {
                    let asked: Vec<&String> = state
                        .progress
                        .asked
                        .iter()
                        .filter(|id| q.question(id).is_some_and(|x| x.section == section.id))
                        .collect();
                    CompletenessRow {
                        section: section.title.clone(),
                        answered: u32::try_from(
                            asked
                                .iter()
                                .filter(|id| answered.contains_key(id.as_str()))
                                .count(),
                        )
                        .unwrap_or(0),
                        asked: u32::try_from(asked.len()).unwrap_or(0),
                    }
                })
                .collect();
            let crosswalk = match &state.verdict {
                Some(v) => coverage(
                    &self.kb(),
                    v.obligations.iter().map(|o| o.article_id.as_str()),
                ),
                None => Vec::new(),
            };
            assessments.push(AssessmentReport {
                questionnaire: a.assessment.questionnaire.clone(),
                questionnaire_title: a.questionnaire_title.clone(),
                kb_version: a.assessment.kb_version.clone(),
                verdict: state.verdict,
                answers,
                crosswalk,
                completeness,
            });
        }
        let overrides = {
            let guard = self.project();
            guard
                .as_ref()
                .map(|p| p.overrides())
                .transpose()?
                .unwrap_or_default()
        };
        let kb = self.kb();
        Ok(ReportData {
            title: "AI compliance assessment".into(),
            report_date: Utc::now().date_naive().to_string(),
            app_version: APP_VERSION.into(),
            kb_version: kb.version().into(),
            kb_hash: kb.content_hash().into(),
            project_id: summary.meta.project_id.clone(),
            engagement: EngagementInfo {
                client: summary.engagement.client.clone(),
                system_name: summary.engagement.system_name.clone(),
                system_description: summary.engagement.system_description.clone(),
                assessor: summary.engagement.assessor.clone(),
            },
            assessments,
            evidence: summary
                .evidence
                .iter()
                .map(|e| EvidenceRow {
                    file_name: e.file_name.clone(),
                    size: e.size,
                    sha256: e.sha256.clone(),
                    links: e.links.clone(),
                })
                .collect(),
            risks: Vec::new(),
            overrides: overrides
                .into_iter()
                .map(|o| OverrideRow {
                    finding: o.finding,
                    original: o.original,
                    replacement: o.replacement,
                    justification: o.justification,
                    made_by: o.made_by,
                })
                .collect(),
            signer,
        })
    }

    /// Renders the open project's report into `out`, signed if asked, and
    /// records the export in the project when it is writable.
    pub fn report_export(
        &self,
        out: &Path,
        sections: &[String],
        signing: &Signing,
    ) -> Result<ReportExport, AppError> {
        let chosen: Vec<Section> = if sections.is_empty() {
            Section::ALL.to_vec()
        } else {
            sections
                .iter()
                .map(|s| {
                    Section::parse(s).ok_or_else(|| {
                        AppError::new(
                            ErrorCode::InvalidArgument,
                            format!(
                                "unknown section `{s}`; choose from {}",
                                Section::ALL.map(Section::id).join(", ")
                            ),
                        )
                    })
                })
                .collect::<Result<_, _>>()?
        };
        let now = Utc::now();
        let identity = match signing {
            Signing::Unsigned => None,
            Signing::Demo => Some(Identity::demo(now)?),
            Signing::Stored(passphrase) => Some(self.stored_identity()?.unseal(passphrase)?),
        };
        let signer = identity.as_ref().map(|i| SignerInfo {
            name: i.name.clone(),
            organisation: i.organisation.clone(),
            email: i.email.clone(),
            fingerprint: i.fingerprint(),
            demo: i.demo,
        });
        let data = self.report_data(signer)?;
        let mut pdf = assay_report::render(&data, &chosen, now)?;
        if let Some(identity) = &identity {
            pdf = assay_report::sign::sign(
                &pdf,
                identity,
                now,
                "Assessment report issued by the assessor",
            )?;
        }
        statements::write_atomically(out, &pdf)?;
        let sha256: String = Sha256::digest(&pdf)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let fingerprint = identity.as_ref().map(Identity::fingerprint);
        let recorded = {
            let mut guard = self.project();
            match guard.as_mut() {
                Some(p) if p.read_only().is_none() => {
                    let assessor = p.engagement()?.assessor;
                    let name = out
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                    p.record_report(
                        &name,
                        &sha256,
                        fingerprint.as_deref(),
                        &Stamp::new(now, assessor),
                    )?;
                    true
                }
                _ => false,
            }
        };
        Ok(ReportExport {
            path: out.display().to_string(),
            bytes: u64::try_from(pdf.len()).unwrap_or(u64::MAX),
            sha256,
            signed: identity.is_some(),
            signer_fingerprint: fingerprint,
            recorded_in_project: recorded,
        })
    }

    /// Checks a signed report offline.
    pub fn verify_pdf(&self, file: &Path) -> Result<assay_report::verify::Verification, AppError> {
        let bytes = fs::read(file).map_err(|e| AppError::io("read", file, &e))?;
        assay_report::verify::verify(&bytes)
            .map_err(|e| AppError::new(ErrorCode::Report, format!("{}: {e}", file.display())))
    }

    /// Creates the signer identity (refuses to replace one unless `replace`).
    pub fn identity_new(
        &self,
        name: &str,
        organisation: &str,
        email: &str,
        passphrase: &str,
        replace: bool,
    ) -> Result<IdentityInfo, AppError> {
        let identity = Identity::create(name, organisation, email, Utc::now())?;
        self.store_identity(&identity, passphrase, replace)
    }

    /// Imports a CA-issued identity from a PKCS#12 file and stores it under
    /// `passphrase`.
    pub fn identity_import(
        &self,
        file: &Path,
        p12_password: &str,
        email: &str,
        passphrase: &str,
        replace: bool,
    ) -> Result<IdentityInfo, AppError> {
        let bytes = fs::read(file).map_err(|e| AppError::io("read", file, &e))?;
        let identity = Identity::from_pkcs12(&bytes, p12_password, email)?;
        self.store_identity(&identity, passphrase, replace)
    }

    pub fn identity_show(&self) -> Result<IdentityInfo, AppError> {
        let stored = self.stored_identity()?;
        self.identity_info(&stored)
    }

    fn store_identity(
        &self,
        identity: &Identity,
        passphrase: &str,
        replace: bool,
    ) -> Result<IdentityInfo, AppError> {
        let path = self.paths.identity_file();
        if path.exists() && !replace {
            return Err(AppError::new(
                ErrorCode::AlreadyExists,
                format!(
                    "a signing identity already exists at {}; pass --replace to replace it",
                    path.display()
                ),
            ));
        }
        let stored = identity.seal(passphrase)?;
        let json = serde_json::to_vec_pretty(&stored)
            .map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
        statements::write_atomically(&path, &json)?;
        self.identity_info(&stored)
    }

    fn stored_identity(&self) -> Result<StoredIdentity, AppError> {
        let path = self.paths.identity_file();
        let text = fs::read_to_string(&path).map_err(|_| {
            AppError::new(ErrorCode::NoIdentity, format!("no signing identity yet; create one with `assay identity new` (it will be stored at {})", path.display()))
        })?;
        serde_json::from_str(&text).map_err(|e| {
            AppError::new(
                ErrorCode::NoIdentity,
                format!("{} is unreadable: {e}", path.display()),
            )
        })
    }

    fn identity_info(&self, stored: &StoredIdentity) -> Result<IdentityInfo, AppError> {
        Ok(IdentityInfo {
            name: stored.name.clone(),
            organisation: stored.organisation.clone(),
            email: stored.email.clone(),
            fingerprint: stored.fingerprint()?,
            path: self.paths.identity_file().display().to_string(),
        })
    }
}

/// The answer as a person reads it: option labels, not values.
fn answer_text(q: &assay_engine::Question, value: &Value) -> String {
    let label = |v: &str| -> String {
        match (q.answer_type, v) {
            (AnswerType::YesNoUnsure, "yes") => "Yes".into(),
            (AnswerType::YesNoUnsure, "no") => "No".into(),
            (AnswerType::YesNoUnsure, "not_sure") => "Not sure".into(),
            _ => q
                .options
                .iter()
                .find(|o| o.value == v)
                .map_or_else(|| v.to_owned(), |o| o.label.clone()),
        }
    };
    match value {
        Value::String(s) => label(s),
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .map(label)
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

/// For each cited article, the AI RMF and ISO/IEC 42001 items mapped to it
/// or to the article it belongs to.
fn coverage<'a>(
    kb: &assay_kb::KnowledgeBase,
    articles: impl Iterator<Item = &'a str>,
) -> Vec<CoverageRow> {
    let mut seen = BTreeSet::new();
    let mut rows = Vec::new();
    for id in articles {
        // Climb to the first item that has mappings (Art. 26(7) → Art. 26).
        let mut current = Some(id.to_owned());
        while let Some(item) = current.clone() {
            let links = kb.neighbours(&item);
            if !links.is_empty() {
                if seen.insert(item.clone()) {
                    let label = kb.item(&item).map_or(item.clone(), |i| i.label.clone());
                    let of = |framework: &str| -> Vec<String> {
                        links
                            .iter()
                            .filter(|l| {
                                kb.framework_of(&l.item.id)
                                    .is_some_and(|f| f.id == framework)
                            })
                            .map(|l| l.item.label.clone())
                            .collect()
                    };
                    rows.push(CoverageRow {
                        article: label,
                        rmf: of("nist-ai-rmf"),
                        iso: of("iso42001"),
                    });
                }
                break;
            }
            current = kb.item(&item).and_then(|i| i.parent.clone());
        }
    }
    rows
}
