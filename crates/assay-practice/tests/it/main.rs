//! The scenario bank as the grader meets it: it validates against the
//! knowledge base, and each core scenario's sample answers grade in order
//! (strong above middling above weak), with the wrong citation penalised.

use assay_kb::{KnowledgeBase, bundled_files};
use assay_practice::{Band, Grade, Scenario, grade, load};

fn scenarios() -> Vec<Scenario> {
    let kb = KnowledgeBase::bundled().unwrap();
    load(&kb, &bundled_files()).unwrap()
}

fn sample<'a>(s: &'a Scenario, label: &str) -> &'a str {
    &s.samples.iter().find(|x| x.label == label).unwrap().text
}

#[test]
fn the_bank_has_the_four_core_scenarios_and_twenty_more() {
    let all = scenarios();
    let core: Vec<&Scenario> = all.iter().filter(|s| s.difficulty == "core").collect();
    assert_eq!(core.len(), 4);
    assert!(all.len() >= 24, "{}", all.len());
}

#[test]
fn core_samples_grade_strong_above_middling_above_weak() {
    let mut report = Vec::new();
    for s in scenarios().iter().filter(|s| s.difficulty == "core") {
        let g = |label| grade(s, sample(s, label));
        let (strong, middling, weak) = (g("strong"), g("middling"), g("weak"));
        report.push(format!(
            "{}: strong {} middling {} weak {}",
            s.id, strong.score, middling.score, weak.score
        ));
        assert!(
            strong.score > middling.score && middling.score > weak.score,
            "{}",
            report.join("\n")
        );
        assert_eq!(strong.band, Band::Strong, "{}: {}", s.id, strong.score);
        assert_eq!(weak.band, Band::Weak, "{}: {}", s.id, weak.score);
        let wrong: Grade = g("wrong-citation");
        assert!(
            wrong
                .penalties
                .iter()
                .any(|p| p.id.starts_with("wrong-citation")),
            "{}: {:#?}",
            s.id,
            wrong.penalties
        );
    }
    eprintln!("{}", report.join("\n"));
}

/// A point is claimed only with the sentence that earned it, quoted from
/// the answer; an empty answer earns nothing.
#[test]
fn every_point_quotes_the_answer_and_nothing_is_invented() {
    for s in scenarios() {
        let empty = grade(&s, "");
        assert_eq!(empty.score, 0, "{}", s.id);
        assert!(empty.points.iter().all(|p| !p.covered));
        for sample in &s.samples {
            let g = grade(&s, &sample.text);
            for p in g.points.iter().filter(|p| p.covered) {
                assert!(!p.evidence.is_empty());
                for quote in &p.evidence {
                    assert!(sample.text.contains(quote.as_str()), "{}: {quote}", s.id);
                }
            }
            for p in &g.penalties {
                assert!(sample.text.contains(p.evidence.as_str()));
            }
        }
    }
}

/// Off-topic text, however long, earns nothing.
#[test]
fn an_off_topic_answer_scores_weak() {
    let filler = "I enjoy hiking and cooking at weekends. My favourite colour is blue. ".repeat(20);
    for s in scenarios() {
        assert_eq!(grade(&s, &filler).band, Band::Weak, "{}", s.id);
    }
}
