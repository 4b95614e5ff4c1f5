//! The client's acceptance: a second signature on a report that verifies,
//! added as an incremental update that changes nothing else.

use std::path::Path;

use assay_store::output::{Target, write_file};
use chrono::Utc;

use crate::export::Signing;
use crate::{AppError, Assay, ErrorCode, ReportCheck, files};

impl Assay {
    /// Countersigns `report` with the signer `signing` names and writes the
    /// result to `out` (never over an existing file without `force`).
    pub fn countersign(
        &self,
        report: &Path,
        out: &Path,
        signing: &Signing,
        force: bool,
    ) -> Result<ReportCheck, AppError> {
        let bytes = files::read_input(report, 512 << 20, "a report")?;
        let check = assay_report::verify::verify(&bytes).map_err(|e| {
            AppError::new(
                ErrorCode::InvalidArgument,
                format!("{}: {e}", report.display()),
            )
        })?;
        if !check.valid {
            return Err(AppError::new(
                ErrorCode::Report,
                format!(
                    "{}: the report does not verify ({}); it is not countersigned",
                    report.display(),
                    check.problems.join("; ")
                ),
            ));
        }
        let identity = self.signing_identity(signing)?.ok_or_else(|| {
            AppError::new(
                ErrorCode::InvalidArgument,
                "countersigning needs a signer: your identity, or the demonstration identity",
            )
        })?;
        let signed = assay_report::sign::sign(
            &bytes,
            &identity,
            Utc::now(),
            "Accepted on behalf of the client",
        )?;
        let target = Target {
            path: out,
            force,
            open_project: None,
            private: false,
        };
        write_file(&target, &mut |f| std::io::Write::write_all(f, &signed))?;
        self.verify_report(out, None, false)
    }
}
