//! Assay's use cases: the single API behind both the desktop window and the
//! `assay` CLI. Each public method of [`Assay`] is one thing a user can do;
//! `src-tauri` exposes each as a one-line command and the CLI as a
//! subcommand, so the two can never disagree.
//!
//! This crate is the edge of the pure core: it reads files, knows the user's
//! directories and converts domain types into the DTOs in [`dto`].

mod assess;
mod countersign;
pub mod dto;
mod error;
mod evidence;
mod export;
mod files;
mod identity;
mod interop;
mod kb;
mod paths;
mod practice;
mod project;
mod reassess;
mod recent;
mod registers;
mod report;
mod report_check;
mod report_rows;
mod seal;
mod statements;
mod trust;

use std::sync::{Mutex, PoisonError, RwLock, RwLockReadGuard};

use assay_engine::Questionnaire;
use assay_kb::KnowledgeBase;

pub use error::{AppError, ErrorCode};
pub use evidence::EvidenceLink;
pub use export::{ExportRequest, Signing};
pub use files::read_input;
pub use identity::SESSION_IDLE_LIMIT;
pub use interop::{InteropExport, InteropFormat, InteropRequest, is_export, parse_export};
pub use kb::{validate_assets_dir, validate_bundled};
pub use paths::Paths;
pub use practice::{GradedAttempt, ScenarioPrompt, ScenarioSummary};
pub use registers::{LinkedEvidence, RegisterLine};
pub use report_check::{ReportCheck, ReportOutcome};
pub use seal::{KnownSeal, ProjectCheck, SealCheck};
pub use trust::TrustedSigner;

/// The application's version, as every surface reports it.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The running application: the knowledge base plus the user's directories.
#[derive(Debug)]
pub struct Assay {
    kb: RwLock<KnowledgeBase>,
    questionnaires: Vec<Questionnaire>,
    /// Risk catalogues, each scoring one questionnaire's answers.
    profiles: Vec<assay_engine::risk_profile::RiskProfile>,
    /// SOC 2 readiness rules, each scoring one questionnaire's answers.
    readiness: Vec<assay_engine::soc2::ReadinessRules>,
    /// Interview-practice scenarios.
    scenarios: Vec<assay_practice::Scenario>,
    /// The project the desktop window has open; the CLI opens one per command.
    project: Mutex<Option<assay_store::Project>>,
    /// The signing key unlocked for this session, if any.
    session: Mutex<identity::Session>,
    paths: Paths,
    /// Problems met while starting that did not stop it (a corrupt side
    /// file, say); the start screen shows them.
    warnings: Vec<String>,
    /// The window keeps a recent-projects list; the CLI leaves it alone, so
    /// a command (even one that fails) changes no file it was not asked to.
    remember_recent: bool,
}

impl Assay {
    /// Loads the bundled knowledge base and the user's imported statements.
    pub fn open(paths: Paths) -> Result<Self, AppError> {
        let mut kb = KnowledgeBase::bundled()?;
        let questionnaires = assay_engine::load_questionnaires(&kb, &assay_kb::bundled_files())?;
        let profiles = assay_engine::risk_profile::load_profiles(
            &kb,
            &assay_kb::bundled_files(),
            &questionnaires,
        )?;
        let readiness =
            assay_engine::soc2::load_rules(&kb, &assay_kb::bundled_files(), &questionnaires)?;
        let scenarios = assay_practice::load(&kb, &assay_kb::bundled_files())
            .map_err(|e| AppError::new(ErrorCode::KbInvalid, e.to_string()))?;
        let mut warnings = Vec::new();
        match statements::load(&paths) {
            Ok(stored) => {
                let unknown = kb.attach_statements(stored);
                if !unknown.is_empty() {
                    warnings.push(format!(
                        "{} imported statement(s) match no knowledge-base item and were ignored",
                        unknown.len()
                    ));
                }
            }
            Err(error) => warnings.push(error.message),
        }
        if let Err(error) = recent::load(&paths) {
            warnings.push(error.message);
        }
        Ok(Assay {
            kb: RwLock::new(kb),
            questionnaires,
            profiles,
            readiness,
            scenarios,
            project: Mutex::new(None),
            session: Mutex::new(identity::Session::default()),
            paths,
            warnings,
            remember_recent: false,
        })
    }

    /// Records every project opened in the recent-projects list (for the
    /// desktop window's start screen).
    #[must_use]
    pub fn remembering_recent_projects(mut self) -> Self {
        self.remember_recent = true;
        self
    }

    pub fn paths(&self) -> &Paths {
        &self.paths
    }

    fn kb(&self) -> RwLockReadGuard<'_, KnowledgeBase> {
        // A panic while holding the lock cannot leave the base half-written
        // (attach_statements builds the new index before swapping), so a
        // poisoned lock is still safe to read.
        self.kb.read().unwrap_or_else(PoisonError::into_inner)
    }
}
