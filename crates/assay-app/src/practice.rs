//! Interview practice: the scenario bank, grading, and the person's own
//! attempts (kept in their data folder, never in a client's project).

use assay_practice::{Grade, Scenario};
use assay_store::practice::{Attempt, AttemptLog};
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::{AppError, Assay};

/// A scenario as the practice home lists it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ScenarioSummary {
    pub id: String,
    pub title: String,
    pub frameworks: Vec<String>,
    pub difficulty: String,
    pub kind: String,
    pub minutes: u32,
}

/// A scenario to answer: the prompt and time, without the rubric's phrases
/// or the sample answers (the feedback shows the model outline afterwards).
#[derive(Debug, Clone, Serialize, TS)]
pub struct ScenarioPrompt {
    pub id: String,
    pub title: String,
    pub frameworks: Vec<String>,
    pub difficulty: String,
    pub kind: String,
    pub minutes: u32,
    pub prompt: String,
}

/// A graded attempt.
#[derive(Debug, Clone, Serialize, TS)]
pub struct GradedAttempt {
    pub attempt: Attempt,
    pub grade: Grade,
}

impl Assay {
    pub fn practice_list(&self) -> Vec<ScenarioSummary> {
        self.scenarios
            .iter()
            .map(|s| ScenarioSummary {
                id: s.id.clone(),
                title: s.title.clone(),
                frameworks: s.frameworks.clone(),
                difficulty: s.difficulty.clone(),
                kind: s.kind.clone(),
                minutes: s.minutes,
            })
            .collect()
    }

    fn scenario(&self, id: &str) -> Result<&Scenario, AppError> {
        self.scenarios
            .iter()
            .find(|s| s.id == id)
            .ok_or_else(|| AppError::unknown_id("practice scenario", id))
    }

    pub fn practice_scenario(&self, id: &str) -> Result<ScenarioPrompt, AppError> {
        let s = self.scenario(id)?;
        Ok(ScenarioPrompt {
            id: s.id.clone(),
            title: s.title.clone(),
            frameworks: s.frameworks.clone(),
            difficulty: s.difficulty.clone(),
            kind: s.kind.clone(),
            minutes: s.minutes,
            prompt: s.prompt.clone(),
        })
    }

    /// Grades `answer`; with `record`, keeps the attempt in the person's
    /// practice history.
    pub fn practice_grade(
        &self,
        id: &str,
        answer: &str,
        seconds: u64,
        record: bool,
        now: DateTime<Utc>,
    ) -> Result<GradedAttempt, AppError> {
        const MAX_ANSWER: usize = 64 * 1024;
        if answer.len() > MAX_ANSWER {
            return Err(AppError::new(
                crate::ErrorCode::InvalidArgument,
                format!(
                    "the answer is {} bytes; practice answers are limited to 64 KiB",
                    answer.len()
                ),
            ));
        }
        let s = self.scenario(id)?;
        let grade = assay_practice::grade(s, answer);
        let attempt = Attempt {
            id: format!("{}-{}", now.format("%Y%m%dT%H%M%S%3fZ"), s.id),
            scenario: s.id.clone(),
            frameworks: s.frameworks.clone(),
            at: now.to_rfc3339(),
            seconds,
            score: grade.score,
            band: grade.band.label().to_owned(),
            answer: answer.to_owned(),
            grade: serde_json::to_string(&grade).unwrap_or_default(),
        };
        if record {
            self.attempt_log()?.record(&attempt)?;
        }
        Ok(GradedAttempt { attempt, grade })
    }

    /// The person's attempts, oldest first.
    pub fn practice_history(&self) -> Result<Vec<Attempt>, AppError> {
        Ok(self.attempt_log()?.attempts()?)
    }

    fn attempt_log(&self) -> Result<AttemptLog, AppError> {
        Ok(AttemptLog::open(&self.paths.practice_file())?)
    }
}
