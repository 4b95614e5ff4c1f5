//! Prohibited practices, Art. 5. A prohibition wins over every other class.
//! Which question asks about which practice, and which exception leaves the
//! system in which Annex III point, is questionnaire data (`kb_item` on the
//! "yes" option); the legal tests that differ by practice are here.

use assay_kb::{Fact, KnowledgeBase, Role};

use super::findings::{Findings, Reading};
use crate::questionnaire::Question;

const RBI: &str = "eu-ai-act:art-5.1.h";
const RBI_LISTING: &str = "eu-ai-act:annex-iii.1.a";

/// Art. 5(1): records every practice established, and every exception that
/// leaves the system listed in Annex III. True when a practice is prohibited
/// for this organisation.
pub(crate) fn practices(kb: &KnowledgeBase, r: &Reading<'_>, f: &mut Findings) -> bool {
    let section: Vec<&Question> = r
        .section("prohibited")
        .filter_map(|id| r.questionnaire.question(id))
        .collect();
    for question in &section {
        let Some(practice) = yes_item(question) else {
            continue;
        };
        let is_practice = kb
            .item(practice)
            .is_some_and(|i| i.kind == "prohibited-practice");
        if !is_practice || !r.yes(&question.id) {
            continue;
        }
        let exception = section.iter().copied().find(|e| excepts(e, &question.id));
        if practice == RBI {
            real_time_identification(kb, r, f, &question.id, exception);
        } else {
            established(kb, r, f, &question.id, practice, exception);
        }
    }
    if f.prohibited.is_empty() {
        f.step(
            kb,
            "prohibited-practice",
            &[],
            &["eu-ai-act:art-5.1"],
            "No prohibited practice is established.",
        );
        return false;
    }
    let points: Vec<String> = f.prohibited.clone();
    let refs: Vec<&str> = points.iter().map(String::as_str).collect();
    f.basis(&refs);
    f.fact(Fact::Prohibited);
    true
}

/// A practice banned whoever places, puts into service or uses it, unless
/// the article's own exception applies (Art. 5(1)(d), (f), (g)); an excepted
/// practice stays listed in Annex III.
fn established(
    kb: &KnowledgeBase,
    r: &Reading<'_>,
    f: &mut Findings,
    question: &str,
    practice: &str,
    exception: Option<&Question>,
) {
    if let Some(exception) = exception.filter(|e| r.yes(&e.id)) {
        let listing = yes_item(exception);
        let outcome = match listing.and_then(|l| kb.item(l)) {
            Some(item) => format!(
                "The practice falls within the exception the article itself makes; the system stays listed as high-risk in {}.",
                item.label
            ),
            None => "The practice falls within the exception the article itself makes.".to_owned(),
        };
        f.step(
            kb,
            "prohibition-exception",
            &[question, &exception.id],
            &[practice],
            outcome,
        );
        if let Some(listing) = listing {
            push_listing(f, listing);
        }
        return;
    }
    f.step(
        kb,
        "prohibited-practice",
        &[question],
        &[practice],
        "Prohibited: the Act bans this practice outright.",
    );
    f.prohibited.push(practice.to_owned());
}

/// Art. 5(1)(h) bans the use of real-time remote biometric identification in
/// public spaces for law enforcement, not its placing on the market. The
/// system is high-risk under Annex III 1(a) either way (Art. 43(1) governs
/// its conformity assessment). A deployer relying on an exception must meet
/// Art. 5(2)–(5) before and during every use; they apply now.
fn real_time_identification(
    kb: &KnowledgeBase,
    r: &Reading<'_>,
    f: &mut Findings,
    question: &str,
    exception: Option<&Question>,
) {
    push_listing(f, RBI_LISTING);
    if !f.roles.contains(&Role::Deployer) {
        f.step(kb, "prohibition-use-only", &[question, "org_roles"], &[RBI, RBI_LISTING, "eu-ai-act:art-43.1"], "Art. 5(1)(h) bans the use, not the placing on the market: supplying the system is allowed, and it is high-risk under Annex III 1(a).");
        return;
    }
    match exception.filter(|e| r.yes(&e.id)) {
        Some(e) => {
            f.step(kb, "prohibition-exception", &[question, &e.id], &[RBI, "eu-ai-act:art-5.2", "eu-ai-act:art-5.3", "eu-ai-act:art-5.4", "eu-ai-act:art-5.5"], "Used under an Art. 5(1)(h) exception: allowed only with a completed fundamental-rights impact assessment and registration before use, prior authorisation of each use, notification of each use and a national law providing for it — in force now.");
            f.fact(Fact::RealTimeBiometricException);
        }
        None => {
            f.step(kb, "prohibited-practice", &[question], &[RBI], "Prohibited: real-time remote biometric identification used for law enforcement outside the Art. 5(1)(h) exceptions.");
            f.prohibited.push(RBI.to_owned());
        }
    }
}

fn push_listing(f: &mut Findings, listing: &str) {
    if !f.listed.iter().any(|l| l == listing) {
        f.listed.push(listing.to_owned());
    }
}

/// The knowledge-base item the "yes" option of a question names.
fn yes_item(question: &Question) -> Option<&str> {
    question.option("yes").and_then(|o| o.kb_item.as_deref())
}

/// Whether `candidate` is the exception question of `practice_question`: it
/// is asked only when the practice is answered "yes".
fn excepts(candidate: &Question, practice_question: &str) -> bool {
    candidate.id != practice_question
        && candidate
            .ask_if
            .as_ref()
            .is_some_and(|c| c.values().contains(&(practice_question, "yes")))
}
