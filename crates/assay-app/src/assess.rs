//! Interview use cases: the questionnaires, the state of an interview given
//! its answers, and the verdict.

use assay_engine::{Answers, eu_ai_act};

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
        })
    }

    /// Where an interview stands and, when its answers are well-formed, the
    /// verdict they give. The UI calls this after every answer. Answers to
    /// questions that an earlier change made irrelevant are dropped, and the
    /// answers kept are returned so the UI holds exactly what was judged.
    pub fn interview(&self, id: &str, answers: &Answers) -> Result<InterviewState, AppError> {
        let q = self.find_questionnaire(id)?;
        let (answers, notes) = assay_engine::upgrade(q, answers);
        let answers = assay_engine::prune(q, &answers);
        let problems = assay_engine::check(q, &answers);
        let verdict = if problems.is_empty() {
            Some(self.classify(id, &answers)?)
        } else {
            None
        };
        Ok(InterviewState {
            progress: assay_engine::progress(q, &answers),
            problems,
            verdict,
            answers,
            notes,
        })
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
