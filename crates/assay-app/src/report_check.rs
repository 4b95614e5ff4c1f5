//! Verifying a report a person was handed: is it intact, is it signed by
//! someone expected (or trusted), is it a deliverable at all (a demo
//! signature is not), and, on request, does its embedded data still give
//! the verdicts it states?

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use crate::trust::fingerprint_from;
use crate::{AppError, Assay, ErrorCode, files};

/// The overall outcome, as `assay verify` exits: 0, 1 or 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportOutcome {
    /// Intact, and signed by the expected (or a trusted) signer.
    Valid,
    /// Damaged, tampered with, or not signed.
    Invalid,
    /// Intact, but the signer is not the one expected, is not trusted here,
    /// or is the demonstration identity.
    ValidUntrusted,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ReportCheck {
    pub pdf: assay_report::verify::Verification,
    /// With `expect`: whether the report's first signer is that signer.
    pub expected_signer: Option<bool>,
    /// The report's first signer is in this computer's trust list (or is
    /// its own identity).
    pub trusted: bool,
    /// With `reassess`: each embedded verdict recomputed from the embedded
    /// answers, and whether it still matches.
    pub reassessment: Vec<String>,
    pub notes: Vec<String>,
    pub outcome: ReportOutcome,
}

impl Assay {
    /// Checks a report file offline (see [`ReportCheck`]).
    pub fn verify_report(
        &self,
        file: &Path,
        expect: Option<&str>,
        reassess: bool,
    ) -> Result<ReportCheck, AppError> {
        let expected = expect.map(fingerprint_from).transpose()?.map(|(f, _)| f);
        let bytes = files::read_input(file, 512 << 20, "a report")?;
        let pdf = assay_report::verify::verify(&bytes).map_err(|e| {
            AppError::new(
                ErrorCode::InvalidArgument,
                format!("{}: {e}", file.display()),
            )
        })?;
        let author = pdf.signatures.first();
        let trusted_list = self.trusted_fingerprints();
        let trusted = author.is_some_and(|s| !s.demo && trusted_list.contains(&s.fingerprint));
        let expected_signer = expected
            .as_ref()
            .map(|f| author.is_some_and(|s| &s.fingerprint == f));
        let mut notes = Vec::new();
        if author.is_some_and(|s| s.demo) {
            notes.push(
                "signed with the demonstration identity: this is a sample, not a deliverable"
                    .to_owned(),
            );
        } else if expected_signer == Some(false) {
            notes.push("the report is not signed by the signer you expected".to_owned());
        } else if expected.is_none() && !trusted && pdf.valid {
            notes.push("the signer is not in your trust list: confirm the certificate fingerprint with them, then `assay trust add`".to_owned());
        }
        for s in pdf.signatures.iter().skip(1) {
            notes.push(format!(
                "countersigned by {} (certificate SHA-256 {}){}",
                s.signer,
                s.fingerprint,
                if s.demo {
                    " with the demonstration identity"
                } else {
                    ""
                }
            ));
        }
        let reassessment = if reassess {
            self.reassess_embedded(&bytes)
        } else {
            Vec::new()
        };
        let reassess_failed = reassessment.iter().any(|l| l.contains("NO LONGER"));
        let outcome = if !pdf.valid || reassess_failed {
            ReportOutcome::Invalid
        } else if author.is_some_and(|s| s.demo) || !expected_signer.unwrap_or(trusted) {
            ReportOutcome::ValidUntrusted
        } else {
            ReportOutcome::Valid
        };
        Ok(ReportCheck {
            pdf,
            expected_signer,
            trusted,
            reassessment,
            notes,
            outcome,
        })
    }

    /// Each embedded assessment's verdict, recomputed from its embedded
    /// answers with this build's knowledge base.
    fn reassess_embedded(&self, pdf: &[u8]) -> Vec<String> {
        let Some(data) = assay_report::verify::embedded_data(pdf) else {
            return vec!["the report carries no data to reassess".to_owned()];
        };
        let mut out = Vec::new();
        for a in data["assessments"].as_array().cloned().unwrap_or_default() {
            let questionnaire = a["questionnaire"].as_str().unwrap_or_default().to_owned();
            let stated = a["verdict"]["risk_class"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            let answers: assay_engine::Answers =
                serde_json::from_value(a["raw_answers"].clone()).unwrap_or_default();
            let kb = a["kb_version"].as_str().unwrap_or_default().to_owned();
            match self.assess(&questionnaire, &answers) {
                Ok(v) => {
                    let now = serde_json::to_value(v.risk_class).unwrap_or_default();
                    let now = now.as_str().unwrap_or_default();
                    let same = now == stated;
                    out.push(format!(
                        "{questionnaire}: stated {stated} (knowledge base {kb}); recomputed now {now} (knowledge base {}): {}",
                        self.kb().version(),
                        if same { "matches" } else { "NO LONGER MATCHES" }
                    ));
                }
                Err(e) => out.push(format!(
                    "{questionnaire}: could not recompute ({e}); NO LONGER checkable"
                )),
            }
        }
        out
    }
}
