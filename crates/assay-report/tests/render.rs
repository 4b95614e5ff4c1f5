//! Renders a report from a real verdict (the deployer sample classified
//! with the bundled knowledge base), signs and verifies it, and checks each
//! way a signed report can go wrong for its own reason: changed bytes,
//! appended bytes, embedded data that differs from what was signed, an
//! expired certificate, and a countersignature that may add only itself.
//! The files land under target/report-samples/ for the validator tests and
//! for people to look at.

use assay_engine::eu_ai_act::Verdict;
use assay_report::identity::Identity;
use assay_report::{
    AnswerRow, AssessmentReport, DocumentControl, EngagementInfo, RegisterRow, ReportData, Section,
    SignerInfo, render, sign::sign, verify::embedded_data, verify::verify,
};
use chrono::{DateTime, TimeZone, Utc};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0)
        .single()
        .unwrap()
}

fn deployer_verdict() -> (Verdict, serde_json::Map<String, serde_json::Value>) {
    let kb = assay_kb::KnowledgeBase::bundled().unwrap();
    let questionnaires =
        assay_engine::load_questionnaires(&kb, &assay_kb::bundled_files()).unwrap();
    let q = questionnaires.iter().find(|q| q.id == "eu-ai-act").unwrap();
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../assets/questionnaires/samples/eu-ai-act-cv-screener-deployer.json"),
    )
    .unwrap();
    let answers: assay_engine::Answers = serde_json::from_str(&text).unwrap();
    let verdict = assay_engine::eu_ai_act::classify(&kb, q, &answers).unwrap();
    (verdict, answers.into_iter().collect())
}

fn data(signer: Option<SignerInfo>) -> ReportData {
    let (verdict, raw_answers) = deployer_verdict();
    let register = verdict
        .obligations
        .iter()
        .enumerate()
        .map(|(i, o)| RegisterRow {
            item_id: o.id.clone(),
            article: o.article.clone(),
            title: o.title.clone(),
            action: o.action.clone(),
            evidence: o.evidence.clone(),
            role: o.role.clone(),
            applies_from: o.applies_from.clone(),
            original_date: o.original_date.clone(),
            date_source: o.date_source.clone(),
            binding: o.binding,
            reported: o.reported,
            step: u32::try_from(i).unwrap(),
            status: "Open".into(),
            closed: false,
            owner: if i == 0 {
                "Head of HR".into()
            } else {
                String::new()
            },
            target_date: None,
            note: String::new(),
            evidence_files: Vec::new(),
        })
        .collect();
    let answers = raw_answers
        .iter()
        .enumerate()
        .map(|(i, (id, value))| AnswerRow {
            number: u32::try_from(i + 1).unwrap(),
            question_id: id.clone(),
            section: "Scope".into(),
            prompt: format!("Question about {id}"),
            answered: true,
            answer: value.to_string(),
            note: String::new(),
            provenance: "client_asserted".into(),
            answered_by: "Ada Assessor".into(),
            answered_at: "2026-11-26T10:00:00Z".into(),
            evidence: Vec::new(),
        })
        .collect();
    ReportData {
        title: "AI compliance assessment".into(),
        report_date: "2026-11-26".into(),
        app_version: "0.1.0".into(),
        kb_version: verdict.kb_version.clone(),
        kb_hash: "b297e652ab35606b".into(),
        project_id: "01a217cd-b50c-73dd-8ace-051d367ef252".into(),
        engagement: EngagementInfo {
            client: "Łódź Logistics GmbH".into(),
            system_name: "CV ranker".into(),
            system_description: "Ranks applicants for warehouse roles in Zürich.".into(),
            assessor: "Ada Assessor".into(),
            reviewer: "Rita Reviewer".into(),
            interviewees: vec!["Hanna Hirsch, Head of HR".into()],
            start_date: Some("2026-11-01".into()),
            end_date: Some("2026-11-26".into()),
        },
        document: DocumentControl {
            version: 1,
            history: Vec::new(),
        },
        is_final: false,
        audit_head: None,
        assessments: vec![AssessmentReport {
            raw_answers,
            questionnaire: "eu-ai-act".into(),
            questionnaire_title: "EU AI Act".into(),
            kb_version: verdict.kb_version.clone(),
            verdict: Some(verdict),
            answers,
            crosswalk: Vec::new(),
            completeness: Vec::new(),
            register,
            annex_iv: Vec::new(),
            personal_data: Some(true),
            assumptions: Vec::new(),
            profile: None,
            readiness: None,
            labels: std::collections::BTreeMap::new(),
        }],
        evidence: Vec::new(),
        risks: Vec::new(),
        overrides: Vec::new(),
        signer,
        milestones: Vec::new(),
    }
}

fn signer_of(identity: &Identity) -> SignerInfo {
    SignerInfo {
        name: identity.name.clone(),
        organisation: identity.organisation.clone(),
        email: identity.email.clone(),
        fingerprint: identity.fingerprint(),
        demo: identity.demo,
    }
}

fn problems_of(pdf: &[u8]) -> Vec<String> {
    verify(pdf).unwrap().problems
}

fn samples_dir() -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/report-samples");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_signed_report_carries_its_data_and_every_tampering_is_named() {
    let identity = Identity::create("Ada Assessor", "Audit AG", "ada@example.com", now()).unwrap();
    let data = data(Some(signer_of(&identity)));
    let pdf = render(&data, &Section::ALL, now()).unwrap();
    let signed = sign(&pdf, &identity, now(), "Assessment report").unwrap();
    assert_eq!(&signed[..pdf.len()], pdf.as_slice(), "signing only appends");
    let v = verify(&signed).unwrap();
    assert!(v.valid, "{v:#?}");
    assert_eq!(v.verdicts, vec!["eu-ai-act: high_risk".to_owned()]);
    let embedded = embedded_data(&signed).unwrap();
    assert_eq!(embedded["engagement"]["client"], "Łódź Logistics GmbH");
    assert_eq!(
        embedded["assessments"][0]["verdict"]["risk_class"],
        "high_risk"
    );
    assert_eq!(
        embedded["assessments"][0]["register"][0]["owner"],
        "Head of HR"
    );
    std::fs::write(samples_dir().join("synthetic-signed.pdf"), &signed).unwrap();
    std::fs::write(
        samples_dir().join("synthetic-signer.der"),
        identity.certificate_der(),
    )
    .unwrap();

    // One changed byte inside the first signed range.
    let mut changed = signed.clone();
    changed[pdf.len() / 2] ^= 0x01;
    match verify(&changed) {
        Ok(v) => assert!(
            v.problems
                .iter()
                .any(|p| p.contains("the signed digest does not match the file")),
            "{:?}",
            v.problems
        ),
        Err(e) => panic!("a changed byte still leaves a PDF: {e}"),
    }

    // Anything appended after signing.
    let mut appended = signed.clone();
    appended.extend_from_slice(b"\n% appended after signing\n");
    assert!(
        problems_of(&appended)
            .iter()
            .any(|p| p.contains("added after signing"))
    );
}

#[test]
fn embedded_data_that_differs_from_the_recorded_hash_is_caught_on_its_own() {
    // The data is swapped before signing, so the signature itself is
    // intact and covers the whole file: only the data check can object.
    let identity = Identity::create("Ada Assessor", "Audit AG", "ada@example.com", now()).unwrap();
    let pdf = render(&data(Some(signer_of(&identity))), &Section::ALL, now()).unwrap();
    let mut doc = lopdf::Document::load_mem(&pdf).unwrap();
    let id = doc
        .objects
        .iter()
        .find(|(_, o)| {
            o.as_stream().is_ok_and(|s| {
                s.dict.get(b"Type").ok().and_then(|t| t.as_name().ok())
                    == Some(b"EmbeddedFile".as_slice())
            })
        })
        .map(|(id, _)| *id)
        .unwrap();
    let forged = br#"{"assessments":[{"questionnaire":"eu-ai-act","verdict":{"risk_class":"minimal_risk"}}]}"#;
    doc.get_object_mut(id)
        .unwrap()
        .as_stream_mut()
        .unwrap()
        .set_plain_content(forged.to_vec());
    let mut swapped = Vec::new();
    doc.save_to(&mut swapped).unwrap();
    let signed = sign(&swapped, &identity, now(), "Assessment report").unwrap();
    let v = verify(&signed).unwrap();
    assert!(v.signatures[0].intact && v.signatures[0].covers_whole_file);
    assert!(!v.data_matches && !v.valid);
    assert_eq!(
        v.problems,
        vec!["the embedded report data does not match what was signed".to_owned()]
    );
}

#[test]
fn a_certificate_outside_its_validity_at_signing_time_fails() {
    let issued = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).single().unwrap();
    let old = Identity::create("Ada Assessor", "Audit AG", "ada@example.com", issued).unwrap();
    let pdf = render(&data(Some(signer_of(&old))), &Section::ALL, now()).unwrap();
    let signed = sign(&pdf, &old, now(), "Assessment report").unwrap();
    let v = verify(&signed).unwrap();
    assert!(!v.valid);
    assert!(
        v.problems
            .iter()
            .any(|p| p.contains("the certificate had expired when the report was signed")),
        "{:?}",
        v.problems
    );
}

#[test]
fn a_countersignature_may_add_only_itself() {
    let author = Identity::create("Ada Assessor", "Audit AG", "ada@example.com", now()).unwrap();
    let client =
        Identity::create("Carl Client", "Łódź Logistics", "carl@example.com", now()).unwrap();
    let pdf = render(&data(Some(signer_of(&author))), &Section::ALL, now()).unwrap();
    let signed = sign(&pdf, &author, now(), "Assessment report").unwrap();
    let accepted = sign(&signed, &client, now(), "Accepted by the client").unwrap();
    let v = verify(&accepted).unwrap();
    assert!(v.valid, "{v:#?}");
    assert_eq!(v.signatures.len(), 2);
    assert!(v.signatures[0].signer.contains("Ada Assessor"));
    assert!(v.signatures[1].signer.contains("Carl Client"));
    std::fs::write(samples_dir().join("synthetic-countersigned.pdf"), &accepted).unwrap();

    // A later revision that changes the document, then signs, is caught.
    let doc = lopdf::Document::load_mem(&signed).unwrap();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let mut inc = lopdf::IncrementalDocument::create_from(signed.clone(), doc);
    inc.opt_clone_object_to_new_document(info).unwrap();
    inc.new_document
        .get_object_mut(info)
        .unwrap()
        .as_dict_mut()
        .unwrap()
        .set("Title", lopdf::Object::string_literal("Edited"));
    let mut edited = Vec::new();
    inc.save_to(&mut edited).unwrap();
    let resigned = sign(&edited, &client, now(), "Accepted by the client").unwrap();
    let v = verify(&resigned).unwrap();
    assert!(!v.valid);
    assert!(
        v.problems
            .iter()
            .any(|p| p.contains("changes the document after the first signature")),
        "{:?}",
        v.problems
    );
}

#[test]
fn every_report_has_its_own_id_a_language_and_no_pdfx_claim() {
    let a = render(&data(None), &Section::ALL, now()).unwrap();
    let mut other = data(None);
    other.engagement.client = "Another client".into();
    let b = render(&other, &Section::ALL, now()).unwrap();
    let id = |pdf: &[u8]| {
        lopdf::Document::load_mem(pdf)
            .unwrap()
            .trailer
            .get(b"ID")
            .unwrap()
            .clone()
    };
    assert_ne!(id(&a), id(&b));
    let doc = lopdf::Document::load_mem(&a).unwrap();
    assert_eq!(doc.version, "1.7");
    let catalog = doc.catalog().unwrap();
    assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"en-GB");
    assert!(catalog.get(b"OutputIntents").is_ok());
    assert!(!contains(&a, b"GTS_PDFXVersion"));
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
