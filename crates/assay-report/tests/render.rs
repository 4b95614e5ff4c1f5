//! Renders, signs and verifies a full report from synthetic data, writing
//! the files under target/report-samples/ for the validator tests and for
//! people to look at.

use assay_report::identity::Identity;
use assay_report::{
    AnswerRow, AssessmentReport, CompletenessRow, CoverageRow, EngagementInfo, EvidenceRow,
    ReportData, RiskRow, Section, SignerInfo, render, sign::sign, verify::verify,
};
use chrono::{TimeZone, Utc};

fn data(signer: Option<SignerInfo>) -> ReportData {
    let answers = (0..40)
        .map(|i| AnswerRow {
            question_id: format!("q{i}"),
            prompt: format!("Question {i}: does the tool rank, filter or score job applicants in Zürich or Łódź (€ budget)?"),
            answer: if i % 3 == 0 { "Yes".into() } else { "No".into() },
            note: if i % 5 == 0 { "Confirmed by the vendor's technical documentation, section 4.2.".into() } else { String::new() },
            provenance: "client_asserted".into(),
            answered_by: "Ada Assessor".into(),
            answered_at: "2026-11-26T10:00:00Z".into(),
        })
        .collect();
    ReportData {
        title: "AI compliance assessment".into(),
        report_date: "2026-11-26".into(),
        app_version: "0.1.0".into(),
        kb_version: "2026.11.0".into(),
        kb_hash: "b297e652ab35606b0000000000000000".into(),
        project_id: "01a217cd-b50c-73dd-8ace-051d367ef252".into(),
        engagement: EngagementInfo {
            client: "Łódź Logistics GmbH".into(),
            system_name: "CV ranker".into(),
            system_description: "Ranks applicants for warehouse roles in Zürich.".into(),
            assessor: "Ada Assessor".into(),
        },
        assessments: vec![AssessmentReport {
            questionnaire: "eu-ai-act".into(),
            questionnaire_title: "EU AI Act".into(),
            kb_version: "2026.11.0".into(),
            verdict: None,
            answers,
            crosswalk: vec![CoverageRow {
                article: "Art. 9".into(),
                rmf: vec!["GOVERN 1.3".into(), "MAP 5.1".into()],
                iso: vec!["A.5.2".into()],
            }],
            completeness: vec![
                CompletenessRow {
                    section: "Scope".into(),
                    answered: 3,
                    asked: 3,
                },
                CompletenessRow {
                    section: "Prohibited practices".into(),
                    answered: 7,
                    asked: 9,
                },
            ],
        }],
        evidence: vec![EvidenceRow {
            file_name: "vendor-dpia.pdf".into(),
            size: 1_234_567,
            sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08".into(),
            links: vec!["kb_item:eu-ai-act:art-10".into()],
        }],
        risks: vec![
            RiskRow {
                title: "Biased ranking of older applicants".into(),
                likelihood: 4,
                impact: 5,
                owner: "HR".into(),
                treatment: "Bias testing per release".into(),
            },
            RiskRow {
                title: "Model drift".into(),
                likelihood: 3,
                impact: 3,
                owner: "ML team".into(),
                treatment: "Monthly monitoring".into(),
            },
        ],
        overrides: Vec::new(),
        signer,
    }
}

#[test]
fn render_sign_verify_and_tamper() {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 26, 12, 0, 0)
        .single()
        .unwrap();
    let identity = Identity::demo(now).unwrap();
    let signer = SignerInfo {
        name: identity.name.clone(),
        organisation: identity.organisation.clone(),
        email: identity.email.clone(),
        fingerprint: identity.fingerprint(),
        demo: true,
    };
    let pdf = render(&data(Some(signer)), &Section::ALL, now).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let signed = sign(&pdf, &identity, now, "Assessment report").unwrap();
    assert_eq!(&signed[..pdf.len()], pdf.as_slice(), "signing only appends");
    let v = verify(&signed).unwrap();
    assert!(v.valid, "{:#?}", v);

    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/report-samples");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("synthetic-signed.pdf"), &signed).unwrap();
    std::fs::write(dir.join("synthetic-signer.der"), identity.certificate_der()).unwrap();

    // One changed byte inside the first signed range.
    let mut tampered = signed.clone();
    let at = pdf.len() / 2;
    tampered[at] ^= 0x01;
    assert!(!verify(&tampered).map(|v| v.valid).unwrap_or(false));

    // Anything appended after signing.
    let mut appended = signed.clone();
    appended.extend_from_slice(b"\n% appended after signing\n");
    let v = verify(&appended).unwrap();
    assert!(!v.valid);
    assert!(
        v.problems.iter().any(|p| p.contains("added after signing")),
        "{:?}",
        v.problems
    );
}
