//! When a Type II report can realistically be issued: remediation of the
//! gaps (working days, some in parallel), an optional Type I, the
//! observation window, then the auditor's reporting time.

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use serde::Serialize;

use super::model::TimelineRules;
use super::score::ReadinessGap;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Timeline {
    /// Sum of the gaps' effort divided by the parallelism, rounded up.
    pub remediation_working_days: u32,
    pub remediation_done: String,
    /// The Type I report date, when one comes first.
    pub type1_report: Option<String>,
    pub observation_start: String,
    pub observation_months: u32,
    pub observation_end: String,
    pub type2_report: String,
    /// Why this window length, in plain words.
    pub rationale: String,
    /// How each date was worked out.
    pub steps: Vec<String>,
}

/// `days` working days (Monday to Friday) after `from`.
fn add_working_days(from: NaiveDate, days: u32) -> NaiveDate {
    let mut date = from;
    let mut left = days;
    while left > 0 {
        date += Duration::days(1);
        if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    date
}

pub(super) struct TimelineInput<'a> {
    pub(super) rules: &'a TimelineRules,
    pub(super) gaps: &'a [ReadinessGap],
    pub(super) on: NaiveDate,
    /// The earliest start the client wants, if answered.
    pub(super) target_start: Option<NaiveDate>,
    pub(super) months: u32,
    pub(super) type1_first: bool,
}

pub(super) fn timeline(input: &TimelineInput<'_>) -> Timeline {
    let rules = input.rules;
    let effort: u32 = input.gaps.iter().map(|g| g.effort_days).sum();
    let working_days = effort.div_ceil(rules.remediation_parallelism.max(1));
    let remediated = add_working_days(input.on, working_days);
    let mut steps = vec![format!(
        "Remediation: {effort} working days of work on {} gap(s), {} at a time, take {working_days} working days from {}: done by {remediated}.",
        input.gaps.len(),
        rules.remediation_parallelism,
        input.on
    )];
    let start = match input.target_start {
        Some(t) if t > remediated => {
            steps.push(format!(
                "The window opens on the client's chosen start, {t}."
            ));
            t
        }
        _ => remediated,
    };
    let type1 = input.type1_first.then(|| {
        let date = start + Duration::weeks(i64::from(rules.type1_weeks));
        steps.push(format!(
            "Type I: the auditor examines the design as of {start}; the report follows {} weeks later, about {date}.",
            rules.type1_weeks
        ));
        date
    });
    let end = start
        .checked_add_months(Months::new(input.months))
        .unwrap_or(start);
    let report = end + Duration::weeks(i64::from(rules.report_weeks));
    steps.push(format!(
        "Type II: a {}-month observation window from {start} to {end}; the report follows {} weeks later, about {report}.",
        input.months, rules.report_weeks
    ));
    Timeline {
        remediation_working_days: working_days,
        remediation_done: remediated.to_string(),
        type1_report: type1.map(|d| d.to_string()),
        observation_start: start.to_string(),
        observation_months: input.months,
        observation_end: end.to_string(),
        type2_report: report.to_string(),
        rationale: rules
            .observation_rationale
            .get(&input.months.to_string())
            .cloned()
            .unwrap_or_default(),
        steps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_days_skip_weekends() {
        let friday = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        assert_eq!(
            add_working_days(friday, 1),
            NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
        );
        assert_eq!(
            add_working_days(friday, 5),
            NaiveDate::from_ymd_opt(2026, 12, 11).unwrap()
        );
        assert_eq!(add_working_days(friday, 0), friday);
    }
}
