//! Exporting the report: check the project, seal its history, render,
//! sign, write the file safely, record the export. Nothing is written
//! unless every step before it succeeded.

use std::path::{Path, PathBuf};

use assay_report::identity::Identity;
use assay_report::{Section, SignerInfo};
use assay_store::output::Target;
use assay_store::{ReportRecord, Stamp};
use chrono::Utc;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::dto::ReportExport;
use crate::project::no_project;
use crate::{AppError, Assay, ErrorCode, files};

/// Who signs an export.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "kind", content = "passphrase", rename_all = "snake_case")]
pub enum Signing {
    Unsigned,
    /// The built-in, clearly labelled demonstration identity.
    Demo,
    /// The user's stored identity, unlocked with this passphrase.
    Stored(String),
    /// The identity unlocked earlier in this session.
    Session,
}

/// What to export, where, and how.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ExportRequest {
    #[ts(type = "string")]
    pub out: PathBuf,
    /// Section IDs; empty for all.
    pub sections: Vec<String>,
    pub signing: Signing,
    /// Replace an existing file at `out`.
    pub force: bool,
    /// The assessor declares the report final (not a draft).
    pub is_final: bool,
}

impl Assay {
    /// The identity a signing choice names, unlocked.
    pub(crate) fn signing_identity(&self, signing: &Signing) -> Result<Option<Identity>, AppError> {
        Ok(match signing {
            Signing::Unsigned => None,
            Signing::Demo => Some(Identity::demo(Utc::now())?),
            Signing::Stored(passphrase) => Some(self.stored_identity()?.unseal(passphrase)?),
            Signing::Session => Some(self.session_identity().ok_or_else(|| {
                AppError::new(
                    ErrorCode::NoIdentity,
                    "the signing key is locked; unlock it with your passphrase first",
                )
            })?),
        })
    }

    /// Renders the open project's report into `request.out`: refused when
    /// the project fails verification, when nothing is assessed, and (for a
    /// final report) while questions are open. Signed, and the history
    /// sealed, when a signer is chosen; recorded in the project's audit
    /// trail when the project is writable. The file takes its name only
    /// after everything else succeeded.
    pub fn report_export(&self, request: &ExportRequest) -> Result<ReportExport, AppError> {
        let chosen = parse_sections(&request.sections)?;
        self.output_target(&request.out, request.force)?;
        let check = self.project_verify()?;
        if !check.ok {
            return Err(AppError::new(
                ErrorCode::ProjectTampered,
                "the project fails verification (run `assay project verify` for what and where); a report is not made from it",
            ));
        }
        let now = Utc::now();
        let identity = self.signing_identity(&request.signing)?;
        let writable = self
            .project()
            .as_ref()
            .ok_or_else(no_project)?
            .read_only()
            .is_none();
        if request.is_final && !writable {
            return Err(AppError::new(
                ErrorCode::ReadOnly,
                "a final report must be recorded in the project, which is open read-only",
            ));
        }
        let signer = identity.as_ref().map(|i| SignerInfo {
            name: i.name.clone(),
            organisation: i.organisation.clone(),
            email: i.email.clone(),
            fingerprint: i.fingerprint(),
            demo: i.demo,
        });
        let data = self.report_data(signer, request.is_final, now)?;
        check_reportable(&data, request.is_final)?;
        let mut pdf = assay_report::render(&data, &chosen, now)?;
        if let Some(identity) = &identity {
            pdf = assay_report::sign::sign(
                &pdf,
                identity,
                now,
                "Assessment report issued by the assessor",
            )?;
        }
        let sha256 = hex(&Sha256::digest(&pdf));
        let staged = self.stage_report(&request.out, request.force, &pdf)?;
        let fingerprint = identity.as_ref().map(Identity::fingerprint);
        if writable {
            // A real signer seals the history the report was made from.
            if let Some(identity) = identity.as_ref().filter(|i| !i.demo) {
                self.seal_with(identity)?;
            }
            let mut guard = self.project();
            let project = guard.as_mut().ok_or_else(no_project)?;
            let stamp = Stamp::new(now, project.engagement()?.assessor);
            let record = ReportRecord {
                id: String::new(),
                file_name: file_name(&request.out),
                sha256: sha256.clone(),
                signer_fingerprint: fingerprint.clone(),
                is_final: request.is_final,
                audit_seq: data.audit_head.as_ref().map(|h| h.seq),
                audit_head: data.audit_head.as_ref().map(|h| h.hash.clone()),
                created_at: String::new(),
            };
            project.record_report(&record, &stamp)?;
        }
        staged.persist()?;
        Ok(ReportExport {
            path: request.out.display().to_string(),
            bytes: u64::try_from(pdf.len()).unwrap_or(u64::MAX),
            sha256,
            signed: identity.is_some(),
            signer_fingerprint: fingerprint,
            recorded_in_project: writable,
            is_final: request.is_final,
        })
    }

    /// Checks a signed report offline.
    pub fn verify_pdf(&self, file: &Path) -> Result<assay_report::verify::Verification, AppError> {
        let bytes = files::read_input(file, 512 << 20, "a report")?;
        assay_report::verify::verify(&bytes)
            .map_err(|e| AppError::new(ErrorCode::Report, format!("{}: {e}", file.display())))
    }

    fn output_target(&self, out: &Path, force: bool) -> Result<(), AppError> {
        let project = self.open_project_path();
        Ok(assay_store::output::check_target(&report_target(
            out,
            force,
            project.as_deref(),
        ))?)
    }

    fn stage_report(
        &self,
        out: &Path,
        force: bool,
        pdf: &[u8],
    ) -> Result<assay_store::output::Staged, AppError> {
        let project = self.open_project_path();
        let target = report_target(out, force, project.as_deref());
        Ok(assay_store::output::stage(&target, &mut |f| {
            std::io::Write::write_all(f, pdf)
        })?)
    }

    fn open_project_path(&self) -> Option<PathBuf> {
        self.project().as_ref().map(|p| p.path().to_owned())
    }
}

/// A report is written beside nothing it may replace: never the project.
fn report_target<'a>(out: &'a Path, force: bool, project: Option<&'a Path>) -> Target<'a> {
    Target {
        path: out,
        force,
        open_project: project,
        private: false,
    }
}

/// A report needs something assessed; a final one needs every verdict
/// settled.
fn check_reportable(data: &assay_report::ReportData, is_final: bool) -> Result<(), AppError> {
    let answered = data
        .assessments
        .iter()
        .any(|a| a.answers.iter().any(|r| r.answered));
    if !answered {
        return Err(AppError::new(
            ErrorCode::InvalidArgument,
            "nothing has been assessed yet: answer the interview before making a report",
        ));
    }
    if is_final && data.is_provisional() {
        let open: usize = data
            .assessments
            .iter()
            .filter_map(|a| a.verdict.as_ref())
            .map(|v| v.open_questions.len())
            .sum();
        return Err(AppError::new(
            ErrorCode::InvalidArgument,
            format!(
                "a final report cannot be issued while {open} question(s) could still change the verdict; settle them, or export a draft"
            ),
        ));
    }
    Ok(())
}

fn parse_sections(sections: &[String]) -> Result<Vec<Section>, AppError> {
    if sections.is_empty() {
        return Ok(Section::ALL.to_vec());
    }
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
        .collect()
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
