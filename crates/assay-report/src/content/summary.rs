//! The executive summary: the verdict in one sentence with its basis, the
//! penalty exposure, what is in force today, the most important gaps with
//! owner and date, and what the client must decide.

use assay_engine::eu_ai_act::{FriaStatus, RiskClass, Verdict, VerdictStatus};

use crate::data::{AssessmentReport, RegisterRow, ReportData};
use crate::layout::Block;

use super::{eu_verdicts, plain};

/// How many gaps and open questions the summary names (the rest are in
/// their sections), so it stays on about one page.
const TOP_GAPS: usize = 5;
const TOP_QUESTIONS: usize = 4;

pub(super) fn blocks(data: &ReportData) -> Vec<Block> {
    let verdicts = eu_verdicts(data);
    let profiles: Vec<Block> = data
        .assessments
        .iter()
        .filter_map(|a| a.profile.as_ref().map(|p| profile_summary(data, a, p)))
        .flatten()
        .chain(
            data.assessments
                .iter()
                .filter_map(|a| a.readiness.as_ref().map(readiness_summary))
                .flatten(),
        )
        .collect();
    if verdicts.is_empty() && !profiles.is_empty() {
        return profiles;
    }
    if verdicts.is_empty() {
        return vec![Block::text(
            "No assessment in this engagement has reached a verdict yet: the interview has too few answers to classify the system.",
        )];
    }
    let mut out = Vec::new();
    for (a, v) in verdicts {
        out.push(Block::strong(verdict_sentence(data, v)));
        if let Some(line) = exposure(v) {
            out.push(Block::text(line));
        }
        out.extend(in_force(data, a, v));
        out.extend(gaps(data, a));
        out.extend(decisions(data, a, v));
    }
    out
}

/// SOC 2 readiness in a few sentences: where the company stands, the
/// biggest gaps and when a Type II report can be issued.
fn readiness_summary(r: &assay_engine::soc2::ReadinessResult) -> Vec<Block> {
    let t = &r.timeline;
    let mut items = vec![format!(
        "{:.0} % of the in-scope controls (weighted) are ready for a Type I report and {:.0} % for a Type II report; the mean level is {:.1} of 4.",
        r.overall.type1_percent, r.overall.type2_percent, r.overall.mean_level
    )];
    items.push(format!(
        "{} to close, about {} working days of work; remediation can be done by {}.",
        plain::count(r.gaps.len(), "gap", "gaps"),
        t.remediation_working_days,
        plain::date(&t.remediation_done)
    ));
    if let Some(d) = &t.type1_report {
        items.push(format!(
            "A Type I report could follow around {}.",
            plain::date(d)
        ));
    }
    items.push(format!(
        "With a {}-month observation window from {}, a Type II report can realistically be issued around {}.",
        t.observation_months,
        plain::date(&t.observation_start),
        plain::date(&t.type2_report)
    ));
    if !r.stale.is_empty() {
        items.push(format!(
            "{} has lapsed and must be collected again.",
            plain::count(r.stale.len(), "piece of evidence", "pieces of evidence")
        ));
    }
    vec![
        Block::strong("SOC 2 Type II readiness"),
        Block::Bullets(items),
    ]
}

/// A risk profile in a few sentences: the EU AI Act answer, how many risks
/// need treatment, the largest gap and the biggest business figure.
fn profile_summary(
    data: &ReportData,
    a: &AssessmentReport,
    p: &assay_engine::risk_profile::ProfileResult,
) -> Vec<Block> {
    let above: Vec<&str> = p
        .risks
        .iter()
        .filter(|r| r.above_appetite)
        .map(|r| r.title.as_str())
        .collect();
    let mut items = vec![format!(
        "{} of {} risks have a residual score above the appetite of {} and need a treatment decision{}",
        above.len(),
        p.risks.len(),
        p.appetite.value,
        if above.is_empty() {
            ".".to_owned()
        } else {
            format!(": {}.", above.join("; "))
        }
    )];
    if let Some(g) = p.gaps.first() {
        items.push(format!(
            "The largest gap is {} (today {}, target {}): closing it would reduce the most residual risk.",
            a.label(&g.subcategory),
            g.current.replace('_', " "),
            g.target.replace('_', " ")
        ));
    }
    if let Some(l) = p
        .losses
        .iter()
        .filter(|l| l.value.is_some())
        .max_by(|x, y| {
            x.value
                .partial_cmp(&y.value)
                .unwrap_or(std::cmp::Ordering::Equal)
        })
    {
        items.push(format!(
            "{}: {} {} (see “What the risks cost” for the formula and inputs).",
            l.title,
            plain::euros(l.value.unwrap_or_default()).trim_start_matches('€'),
            l.unit
        ));
    }
    vec![
        Block::strong(verdict_sentence(data, &p.eu_ai_act.verdict)),
        Block::Bullets(items),
    ]
}

/// The verdict in one sentence, hedged exactly as far as it is open.
pub(super) fn verdict_sentence(data: &ReportData, v: &Verdict) -> String {
    let system = &data.engagement.system_name;
    let client = &data.engagement.client;
    // With no provision that applies (minimal risk), name the tests that
    // were applied and did not.
    let basis = if v.legal_basis.is_empty() {
        let mut tested: Vec<String> = v.trace.iter().flat_map(|s| s.citation.clone()).collect();
        tested.dedup();
        let mut seen = std::collections::BTreeSet::new();
        tested.retain(|c| seen.insert(c.clone()));
        format!("tested against {}", plain::list(&tested, "and"))
    } else {
        plain::list(&v.legal_basis, "and")
    };
    let open = plain::count(v.open_questions.len(), "open question", "open questions");
    let role = if v.roles.is_empty() {
        String::new()
    } else {
        format!(", and {client} is its {}", plain::roles(&v.roles))
    };
    let class = match v.risk_class {
        RiskClass::NeedsReview => {
            let possible: Vec<String> = v
                .possible_classes
                .iter()
                .map(|c| format!("“{}”", c.label()))
                .collect();
            return format!(
                "The classification of {system} is not settled: depending on {open}, it could be {}. On the assumptions stated in this report it would be “{}”.",
                plain::list(&possible, "or"),
                v.assumed_class.label()
            );
        }
        RiskClass::Prohibited => format!(
            "a prohibited AI practice ({basis}): it may not be placed on the market, put into service or used in the EU"
        ),
        RiskClass::HighRisk => format!("a high-risk AI system ({basis}){role}"),
        RiskClass::TransparencyOnly => format!(
            "not high-risk, but transparency duties apply ({}){role}",
            v.transparency
                .as_ref()
                .map_or_else(|| basis.clone(), |t| t.articles.join(", "))
        ),
        RiskClass::MinimalRisk => {
            format!("an AI system for which the Act sets no risk-specific duties ({basis}){role}")
        }
        RiskClass::GpaiModelOnly => format!(
            "not an AI system the Act regulates as such, but {client} provides a general-purpose AI model and the model duties apply ({basis})"
        ),
        RiskClass::OutOfScope => format!("outside the AI Act ({basis})"),
    };
    match v.status {
        VerdictStatus::Final => {
            plain::sentence(&format!("On the answers recorded, {system} is {class}"))
        }
        VerdictStatus::Provisional => plain::sentence(&format!(
            "On the answers recorded so far, and until {open} {} settled, {system} is {class}",
            if v.open_questions.len() == 1 {
                "is"
            } else {
                "are"
            }
        )),
    }
}

/// The highest penalty tier the organisation is exposed to.
fn exposure(v: &Verdict) -> Option<String> {
    let top = v
        .penalties
        .iter()
        .max_by(|a, b| a.fixed_eur.cmp(&b.fixed_eur))?;
    let cap = top.maximum_eur.map_or_else(String::new, |m| {
        format!("; on the turnover given, at most {}", plain::euros(m))
    });
    Some(format!(
        "Exposure: breaching these duties can be fined up to {} or {}% of worldwide annual turnover, whichever is {} ({}){cap}.",
        plain::euros(top.fixed_eur as f64),
        top.turnover_percent,
        top.combine,
        top.article
    ))
}

/// What already applies on the report date.
fn in_force(data: &ReportData, a: &AssessmentReport, v: &Verdict) -> Vec<Block> {
    let today = data.report_date.as_str();
    let mut lines = Vec::new();
    if v.risk_class != RiskClass::Prohibited
        && let Some(m) = data
            .milestones
            .iter()
            .find(|m| m.key == "prohibitions" && m.date.as_str() <= today)
    {
        // Never a confident "none applies" while an open answer could make
        // the practice prohibited.
        let could_be_prohibited = v.possible_classes.contains(&RiskClass::Prohibited)
            || v.open_questions
                .iter()
                .flat_map(|q| &q.effects)
                .any(|e| e.class == Some(RiskClass::Prohibited));
        let finding = if could_be_prohibited {
            "Whether one applies to this system is still open: see the open questions."
        } else {
            "On the answers given, no prohibited practice applies to this system."
        };
        lines.push(format!(
            "{}: in force since {}. {finding}",
            m.title,
            plain::date(&m.date)
        ));
    }
    for row in a
        .register
        .iter()
        .filter(|r| r.applies_from.as_str() <= today)
    {
        lines.push(format!(
            "{}: in force since {}; status {}.",
            plain::duty(&row.title, &row.article),
            plain::date(&row.applies_from),
            row.status.to_lowercase()
        ));
    }
    if lines.is_empty() {
        return Vec::new();
    }
    vec![Block::h2("In force today"), Block::Bullets(lines)]
}

fn open_rows(a: &AssessmentReport) -> Vec<&RegisterRow> {
    let mut rows: Vec<&RegisterRow> = a.register.iter().filter(|r| !r.closed).collect();
    // Binding duties first, then by deadline and by plan order.
    rows.sort_by(|x, y| {
        (!x.binding, &x.applies_from, x.step).cmp(&(!y.binding, &y.applies_from, y.step))
    });
    rows
}

/// The most important open duties, with owner and date.
fn gaps(data: &ReportData, a: &AssessmentReport) -> Vec<Block> {
    let rows = open_rows(a);
    if a.register.is_empty() {
        return vec![Block::text(
            "No duty is established on the answers given so far.",
        )];
    }
    if rows.is_empty() {
        return vec![Block::text(
            "Every duty in the register is done or not applicable.",
        )];
    }
    let today = data.report_date.as_str();
    let table_rows = rows
        .iter()
        .take(TOP_GAPS)
        .map(|r| {
            let due = if r.applies_from.as_str() <= today {
                "in force now".to_owned()
            } else {
                plain::date(&r.applies_from)
            };
            vec![
                plain::duty(&r.title, &r.article),
                if r.owner.is_empty() {
                    "not yet assigned".into()
                } else {
                    r.owner.clone()
                },
                r.target_date
                    .as_deref()
                    .map_or_else(|| "not set".into(), plain::date),
                due,
            ]
        })
        .collect();
    vec![
        Block::h2(format!(
            "The {} most important of {} open",
            rows.len().min(TOP_GAPS),
            plain::count(rows.len(), "duty", "duties")
        )),
        Block::Table {
            headers: vec![
                "Duty".into(),
                "Owner".into(),
                "Target date".into(),
                "Applies".into(),
            ],
            widths: vec![5.0, 2.0, 1.8, 1.8],
            rows: table_rows,
            size: 9.0,
        },
    ]
}

/// What the client has to decide or settle.
fn decisions(data: &ReportData, a: &AssessmentReport, v: &Verdict) -> Vec<Block> {
    let mut items = Vec::new();
    for q in v.open_questions.iter().take(TOP_QUESTIONS) {
        let number = a
            .number_of(&q.question)
            .map_or_else(String::new, |n| format!("Q{n} "));
        items.push(format!(
            "Settle {number}“{}” {}",
            q.prompt,
            plain::first_sentence(&q.why)
        ));
    }
    if v.open_questions.len() > TOP_QUESTIONS {
        items.push(format!(
            "Settle {} more (listed with what each could change under “Open questions”).",
            plain::count(
                v.open_questions.len() - TOP_QUESTIONS,
                "open question",
                "open questions"
            )
        ));
    }
    let unowned = open_rows(a).iter().filter(|r| r.owner.is_empty()).count();
    if unowned > 0 {
        items.push(format!(
            "Name an owner and a target date for {} that {} none.",
            plain::count(unowned, "open duty", "open duties"),
            if unowned == 1 { "has" } else { "have" }
        ));
    }
    if v.fria.status == FriaStatus::Recommended {
        items.push(format!(
            "Decide whether to carry out a fundamental-rights impact assessment: {}",
            v.fria.reason
        ));
    }
    let untreated = data.risks.iter().filter(|r| r.treatment.is_empty()).count();
    if untreated > 0 {
        items.push(format!(
            "Choose how to treat {} (mitigate, transfer, avoid or accept).",
            plain::count(untreated, "risk", "risks")
        ));
    }
    if !a.assumptions.is_empty() {
        items.push(format!(
            "Confirm or correct the {} this report makes for open answers.",
            plain::count(a.assumptions.len(), "assumption", "assumptions")
        ));
    }
    if items.is_empty() {
        return Vec::new();
    }
    vec![Block::h2("What you need to decide"), Block::Bullets(items)]
}
