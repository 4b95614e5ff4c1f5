//! Interview use cases: the questionnaires, the state of an interview given
//! its answers, and the verdict.

use assay_engine::risk_profile::{self, ProfileResult, RiskProfile, ScoreOverride};
use assay_engine::{Answers, eu_ai_act};
use chrono::{NaiveDate, Utc};

use crate::dto::{InterviewState, QuestionnaireDto, QuestionnaireSummary, Sample};
use crate::{AppError, Assay, ErrorCode};

impl Assay {
    pub fn questionnaires(&self) -> Vec<QuestionnaireSummary> {
        self.questionnaires
            .iter()
            .map(|q| QuestionnaireSummary {
                id: q.id.clone(),
                title: q.title.clone(),
                version: q.version.clone(),
                framework: q.framework.clone(),
                questions: u32::try_from(q.questions.len()).unwrap_or(u32::MAX),
            })
            .collect()
    }

    pub fn questionnaire(&self, id: &str) -> Result<QuestionnaireDto, AppError> {
        let q = self.find_questionnaire(id)?;
        let kb = self.kb();
        let mut cited: Vec<&str> = q
            .questions
            .iter()
            .flat_map(|q| q.cites.iter().map(String::as_str))
            .collect();
        cited.sort_unstable();
        cited.dedup();
        let citations = cited
            .into_iter()
            .filter_map(|c| kb.item(c))
            .map(|item| crate::kb::to_ref(&kb, item))
            .collect();
        Ok(QuestionnaireDto {
            citations,
            id: q.id.clone(),
            title: q.title.clone(),
            version: q.version.clone(),
            framework: q.framework.clone(),
            sections: q.sections.clone(),
            questions: q.questions.clone(),
            record_types: q.record_types.clone(),
        })
    }

    /// Where an interview stands and, when its answers are well-formed, the
    /// verdict they give. The UI calls this after every answer. Answers to
    /// questions that an earlier change made irrelevant are dropped, and the
    /// answers kept are returned so the UI holds exactly what was judged.
    pub fn interview(&self, id: &str, answers: &Answers) -> Result<InterviewState, AppError> {
        self.interview_with(id, answers, &[])
    }

    /// [`Assay::interview`] with the assessor's overrides of a risk
    /// profile's scores (from the project's risk register).
    pub(crate) fn interview_with(
        &self,
        id: &str,
        answers: &Answers,
        overrides: &[ScoreOverride],
    ) -> Result<InterviewState, AppError> {
        let q = self.find_questionnaire(id)?;
        let (answers, notes) = assay_engine::upgrade(q, answers);
        let answers = assay_engine::prune(q, &answers);
        let problems = assay_engine::check(q, &answers);
        let judged = problems.is_empty();
        let verdict = if judged && id == eu_ai_act::QUESTIONNAIRE_ID {
            Some(self.classify(id, &answers)?)
        } else {
            None
        };
        let today = Utc::now().date_naive();
        let profile = if judged && self.profile_for(id).is_some() {
            Some(self.assess_profile_with(id, &answers, today, overrides)?)
        } else {
            None
        };
        let readiness = if judged && self.readiness_for(id).is_some() {
            Some(self.assess_readiness(id, &answers, today)?)
        } else {
            None
        };
        Ok(InterviewState {
            progress: assay_engine::progress(q, &answers),
            problems,
            verdict,
            profile,
            readiness,
            answers,
            notes,
        })
    }

    /// What judges questionnaire `id`'s answers: `classifier` (the EU AI
    /// Act), `risk_profile`, `readiness`, or `none`.
    pub fn judged_by(&self, id: &str) -> &'static str {
        if id == eu_ai_act::QUESTIONNAIRE_ID {
            "classifier"
        } else if self.profile_for(id).is_some() {
            "risk_profile"
        } else if self.readiness_for(id).is_some() {
            "readiness"
        } else {
            "none"
        }
    }

    fn readiness_for(&self, id: &str) -> Option<&assay_engine::soc2::ReadinessRules> {
        self.readiness.iter().find(|r| r.questionnaire == id)
    }

    /// SOC 2 readiness for `answers` to questionnaire `id`, as of `on`: the
    /// level of each control with its rules, scores, ranked gaps, the
    /// timeline to a Type II report, the sampling plan and coverage.
    pub fn assess_readiness(
        &self,
        id: &str,
        answers: &Answers,
        on: NaiveDate,
    ) -> Result<assay_engine::soc2::ReadinessResult, AppError> {
        let q = self.find_questionnaire(id)?;
        let rules = self.readiness_for(id).ok_or_else(|| {
            AppError::new(
                ErrorCode::UnknownId,
                format!("no readiness rules score the questionnaire `{id}`"),
            )
        })?;
        let (answers, _) = assay_engine::upgrade(q, answers);
        Ok(assay_engine::soc2::assess(
            &self.kb(),
            rules,
            q,
            &answers,
            on,
        )?)
    }

    /// The risk catalogue that scores questionnaire `id`, if any.
    fn profile_for(&self, id: &str) -> Option<&RiskProfile> {
        self.profiles.iter().find(|p| p.questionnaire == id)
    }

    /// The risk profile for `answers` to questionnaire `id`, as of `on`:
    /// scores with what set them, the current and target profile, gaps,
    /// treatment plan, business figures and the EU AI Act check.
    pub fn assess_profile(
        &self,
        id: &str,
        answers: &Answers,
        on: NaiveDate,
    ) -> Result<ProfileResult, AppError> {
        self.assess_profile_with(id, answers, on, &[])
    }

    fn assess_profile_with(
        &self,
        id: &str,
        answers: &Answers,
        on: NaiveDate,
        overrides: &[ScoreOverride],
    ) -> Result<ProfileResult, AppError> {
        let q = self.find_questionnaire(id)?;
        let profile = self.profile_for(id).ok_or_else(|| {
            AppError::new(
                ErrorCode::UnknownId,
                format!("no risk catalogue scores the questionnaire `{id}`"),
            )
        })?;
        let eu = self.find_questionnaire(eu_ai_act::QUESTIONNAIRE_ID)?;
        let (answers, _) = assay_engine::upgrade(q, answers);
        Ok(risk_profile::score_with(
            &self.kb(),
            profile,
            q,
            eu,
            &answers,
            on,
            overrides,
        )?)
    }

    /// The verdict for a set of answers; malformed answers fail with every
    /// problem listed. Answers to questions an earlier questionnaire version
    /// asked are carried over first (see [`Assay::upgrade_answers`]).
    pub fn assess(&self, id: &str, answers: &Answers) -> Result<eu_ai_act::Verdict, AppError> {
        let (answers, _) = self.upgrade_answers(id, answers)?;
        self.classify(id, &answers)
    }

    /// Answers to retired questions carried over to the questions that
    /// replaced them, with a note on each, in plain words.
    pub fn upgrade_answers(
        &self,
        id: &str,
        answers: &Answers,
    ) -> Result<(Answers, Vec<String>), AppError> {
        let q = self.find_questionnaire(id)?;
        Ok(assay_engine::upgrade(q, answers))
    }

    /// Sample answer sets shipped for a questionnaire
    /// (`assets/questionnaires/samples/<questionnaire>-<name>.json`).
    pub fn samples(&self, id: &str) -> Result<Vec<Sample>, AppError> {
        self.find_questionnaire(id)?;
        let prefix = format!("questionnaires/samples/{id}-");
        assay_kb::bundled_files()
            .into_iter()
            .filter_map(|f| {
                let name = f.path.strip_prefix(&prefix)?.strip_suffix(".json")?;
                Some((name.to_owned(), f.text))
            })
            .map(|(name, text)| {
                let answers: Answers = serde_json::from_str(text).map_err(|e| {
                    AppError::new(
                        ErrorCode::KbInvalid,
                        format!("sample {name} does not parse: {e}"),
                    )
                })?;
                Ok(Sample { name, answers })
            })
            .collect()
    }

    fn classify(&self, id: &str, answers: &Answers) -> Result<eu_ai_act::Verdict, AppError> {
        let q = self.find_questionnaire(id)?;
        match id {
            eu_ai_act::QUESTIONNAIRE_ID => Ok(eu_ai_act::classify(&self.kb(), q, answers)?),
            other => Err(AppError::new(
                ErrorCode::UnknownId,
                format!("questionnaire `{other}` has no classifier yet"),
            )),
        }
    }

    pub(crate) fn find_questionnaire(
        &self,
        id: &str,
    ) -> Result<&assay_engine::Questionnaire, AppError> {
        self.questionnaires
            .iter()
            .find(|q| q.id == id)
            .ok_or_else(|| AppError::unknown_id("questionnaire", id))
    }
}
