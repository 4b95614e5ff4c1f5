//! The report's text: which sections, in which order, saying what.

use assay_engine::eu_ai_act::{RiskClass, Verdict};
use chrono::NaiveDate;

use crate::charts::Chart;
use crate::data::{AssessmentReport, ReportData, Section};
use crate::layout::Block;

fn class_name(class: RiskClass) -> &'static str {
    class.label()
}

fn size(bytes: u64) -> String {
    let units = ["B", "KiB", "MiB", "GiB"];
    let mut n = bytes as f64;
    let mut u = 0;
    while n >= 1024.0 && u < units.len() - 1 {
        n /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{bytes} B")
    } else {
        format!("{n:.1} {}", units[u])
    }
}

pub(crate) fn blocks(data: &ReportData, sections: &[Section]) -> Vec<Block> {
    let on = |s: Section| sections.contains(&s);
    let mut out = Vec::new();
    let e = &data.engagement;

    // Cover.
    out.push(Block::Title {
        text: data.title.clone(),
        subtitle: format!("{} — {}", e.client, e.system_name),
    });
    out.push(Block::KeyValue(vec![
        ("Client".into(), e.client.clone()),
        ("System assessed".into(), e.system_name.clone()),
        ("Assessor".into(), e.assessor.clone()),
        ("Report date".into(), data.report_date.clone()),
        ("Project ID".into(), data.project_id.clone()),
        (
            "Knowledge base".into(),
            format!(
                "{} (content hash {})",
                data.kb_version,
                &data.kb_hash[..16.min(data.kb_hash.len())]
            ),
        ),
        (
            "Prepared with".into(),
            format!("Assay {}", data.app_version),
        ),
        (
            "Signature".into(),
            match &data.signer {
                Some(s) => format!(
                    "Digitally signed by {} ({}); certificate SHA-256 {}",
                    s.name, s.organisation, s.fingerprint
                ),
                None => "Not signed".into(),
            },
        ),
    ]));
    if !e.system_description.is_empty() {
        out.push(Block::small(format!(
            "System description: {}",
            e.system_description
        )));
    }
    out.push(Block::small(
        "This report states the assessor's conclusions from the answers and evidence recorded in the project. Every conclusion cites the provision it rests on. It is not legal advice. The answers and results are embedded in this PDF as a JSON attachment (assay-report.json).",
    ));
    out.push(Block::PageBreak);

    let eu: Vec<&AssessmentReport> = data
        .assessments
        .iter()
        .filter(|a| a.questionnaire == "eu-ai-act")
        .collect();

    if on(Section::Summary) {
        out.push(Block::h1("1. Executive summary"));
        for a in &eu {
            if let Some(v) = &a.verdict {
                out.push(Block::strong(format!(
                    "EU AI Act: {} — {}",
                    class_name(v.risk_class),
                    v.legal_basis.join(", ")
                )));
                let mut points = vec![format!(
                    "Role of the organisation: {}.",
                    if v.roles.is_empty() {
                        "none established".to_owned()
                    } else {
                        v.roles.join(", ").replace('_', " ")
                    }
                )];
                if v.profiling == Some(true) {
                    points.push("The system profiles natural persons, so the Art. 6(3) derogation is not available.".into());
                }
                if !v.open_questions.is_empty() {
                    points.push(format!(
                        "{} open question(s) block a final verdict; see section 3.",
                        v.open_questions.len()
                    ));
                }
                let mut due: Vec<(&str, &str)> = v
                    .obligations
                    .iter()
                    .map(|o| (o.applies_from.as_str(), o.title.as_str()))
                    .collect();
                due.sort();
                due.dedup_by_key(|(d, _)| *d);
                for (date, title) in due
                    .iter()
                    .filter(|(d, _)| *d > data.report_date.as_str())
                    .take(3)
                {
                    points.push(format!("Next deadline {date}: {title}."));
                }
                points.push(format!(
                    "Fundamental-rights impact assessment: {}",
                    v.fria.reason
                ));
                out.push(Block::Bullets(points));
            }
        }
        if !data.overrides.is_empty() {
            out.push(Block::text(format!("{} finding(s) were overridden by the assessor, each with a justification (section 3).", data.overrides.len())));
        }
        for a in &data.assessments {
            let items: Vec<(String, f32)> = a
                .completeness
                .iter()
                .filter(|c| c.asked > 0)
                .map(|c| (c.section.clone(), c.answered as f32 / c.asked as f32))
                .collect();
            if !items.is_empty() {
                out.push(Block::KeepTogether(vec![
                    Block::h2(format!("Interview completeness: {}", a.questionnaire_title)),
                    Block::Chart(Chart::Bars { items }),
                ]));
            }
        }
        let answered: usize = data.assessments.iter().map(|a| a.answers.len()).sum();
        out.push(Block::text(format!(
            "{answered} answers and {} evidence file(s) support these conclusions.",
            data.evidence.len()
        )));
    }

    if on(Section::Scope) {
        out.push(Block::h1("2. Scope and method"));
        out.push(Block::text(format!(
            "The assessment covers {} as operated by or for {}. It followed Assay's guided interviews, which ask only the questions the law makes relevant given earlier answers, and records for every answer its provenance (client assertion, evidence verified, or assessor judgement).",
            e.system_name, e.client
        )));
        out.push(Block::text(
            "Conclusions come from rules applied in the order the law applies them. For the EU AI Act: whether the system is an AI system (Art. 3(1)) and in scope (Art. 2); prohibited practices (Art. 5), which prevail over every other class; high-risk status through Annex I products (Art. 6(1)) or Annex III use cases (Art. 6(2)) with the Art. 6(3) derogation and its profiling override; transparency duties (Art. 50); and general-purpose AI model duties (Arts 51–55). Deadlines come from the application-dates table, which records both the original date and the date set by the 2026 amendment, with the source of each.",
        ));
        out.push(Block::small(format!(
            "Knowledge base {} (content hash {}). Crosswalks to NIST AI RMF and ISO/IEC 42001 are Assay's own mappings, not official ones.",
            data.kb_version, data.kb_hash
        )));
    }

    if on(Section::EuAiAct) {
        for a in &eu {
            if let Some(v) = &a.verdict {
                eu_ai_act(&mut out, v, &data.report_date);
            }
        }
        if !data.overrides.is_empty() {
            out.push(Block::h2("Assessor overrides"));
            out.push(Block::Table {
                headers: vec![
                    "Finding".into(),
                    "Computed".into(),
                    "Override".into(),
                    "Justification".into(),
                    "By".into(),
                ],
                widths: vec![2.0, 2.0, 2.0, 5.0, 1.5],
                rows: data
                    .overrides
                    .iter()
                    .map(|o| {
                        vec![
                            o.finding.clone(),
                            o.original.clone(),
                            o.replacement.clone(),
                            o.justification.clone(),
                            o.made_by.clone(),
                        ]
                    })
                    .collect(),
                size: 8.5,
            });
        }
    }

    if on(Section::Risks) && !data.risks.is_empty() {
        out.push(Block::h1("4. Risk register"));
        let mut counts = [[0u32; 5]; 5];
        for r in &data.risks {
            let (l, i) = (
                r.likelihood.clamp(1, 5) as usize - 1,
                r.impact.clamp(1, 5) as usize - 1,
            );
            counts[l][i] += 1;
        }
        out.push(Block::KeepTogether(vec![
            Block::h2("Likelihood × impact"),
            Block::Chart(Chart::HeatMap { counts }),
        ]));
        out.push(Block::Table {
            headers: vec![
                "Risk".into(),
                "L".into(),
                "I".into(),
                "Score".into(),
                "Owner".into(),
                "Treatment".into(),
            ],
            widths: vec![4.0, 0.6, 0.6, 0.9, 2.0, 4.0],
            rows: data
                .risks
                .iter()
                .map(|r| {
                    vec![
                        r.title.clone(),
                        r.likelihood.to_string(),
                        r.impact.to_string(),
                        (u32::from(r.likelihood) * u32::from(r.impact)).to_string(),
                        r.owner.clone(),
                        r.treatment.clone(),
                    ]
                })
                .collect(),
            size: 8.5,
        });
    }

    if on(Section::Crosswalk) {
        let rows: Vec<Vec<String>> = eu
            .iter()
            .flat_map(|a| &a.crosswalk)
            .map(|c| vec![c.article.clone(), c.rmf.join(", "), c.iso.join(", ")])
            .collect();
        if !rows.is_empty() {
            out.push(Block::h1("5. Crosswalk coverage"));
            out.push(Block::text("The EU AI Act requirements in the obligations above, mapped to NIST AI RMF subcategories and ISO/IEC 42001 Annex A controls, so work done for one framework can be reused as evidence for the others. The mappings are Assay's own and say so in the knowledge base."));
            out.push(Block::Table {
                headers: vec![
                    "EU AI Act".into(),
                    "NIST AI RMF 1.0".into(),
                    "ISO/IEC 42001 Annex A".into(),
                ],
                widths: vec![1.2, 3.0, 2.2],
                rows,
                size: 8.5,
            });
        }
    }

    if on(Section::Evidence) {
        out.push(Block::h1("6. Evidence index"));
        if data.evidence.is_empty() {
            out.push(Block::text("No evidence files are stored in the project."));
        } else {
            out.push(Block::text("Each file is stored inside the project file; its SHA-256 lets anyone confirm a copy is the one assessed."));
            out.push(Block::Table {
                headers: vec![
                    "File".into(),
                    "Size".into(),
                    "SHA-256".into(),
                    "Supports".into(),
                ],
                widths: vec![2.4, 1.0, 4.6, 2.0],
                rows: data
                    .evidence
                    .iter()
                    .map(|e| {
                        vec![
                            e.file_name.clone(),
                            size(e.size),
                            e.sha256.clone(),
                            e.links.join(", "),
                        ]
                    })
                    .collect(),
                size: 8.0,
            });
        }
    }

    if on(Section::Appendix) {
        out.push(Block::h1("Appendix: questions and answers"));
        for a in &data.assessments {
            out.push(Block::h2(a.questionnaire_title.clone()));
            out.push(Block::Table {
                headers: vec![
                    "Question".into(),
                    "Answer".into(),
                    "Note".into(),
                    "Provenance".into(),
                ],
                widths: vec![4.5, 2.2, 2.5, 1.8],
                rows: a
                    .answers
                    .iter()
                    .map(|r| {
                        vec![
                            r.prompt.clone(),
                            r.answer.clone(),
                            r.note.clone(),
                            format!(
                                "{}; {} {}",
                                r.provenance.replace('_', " "),
                                r.answered_by,
                                r.answered_at.get(..10).unwrap_or("")
                            ),
                        ]
                    })
                    .collect(),
                size: 8.0,
            });
        }
    }

    if on(Section::Signature) {
        out.push(Block::PageBreak);
        out.push(Block::h1("Signature"));
        match &data.signer {
            Some(s) => {
                out.push(Block::KeyValue(vec![
                    ("Signed by".into(), s.name.clone()),
                    ("Organisation".into(), s.organisation.clone()),
                    ("E-mail".into(), s.email.clone()),
                    ("Certificate SHA-256".into(), s.fingerprint.clone()),
                    (
                        "Signature format".into(),
                        "PAdES B-B (ETSI.CAdES.detached), SHA-256, ECDSA P-256".into(),
                    ),
                ]));
                if s.demo {
                    out.push(Block::strong("DEMONSTRATION IDENTITY: this report was signed with Assay's built-in demo key. It proves the signing and verification path, not who wrote the report."));
                }
                out.push(Block::text("The signature covers every byte of this file except the signature itself. Confirm the certificate fingerprint above with the signer by another channel, then check the file with `assay verify`, `pdfsig` or any PAdES validator; any change after signing makes the check fail."));
            }
            None => out.push(Block::text("This report is not signed.")),
        }
    }
    out
}

fn eu_ai_act(out: &mut Vec<Block>, v: &Verdict, report_date: &str) {
    out.push(Block::h1("3. EU AI Act: classification and obligations"));
    out.push(Block::KeyValue(vec![
        ("Verdict".into(), class_name(v.risk_class).into()),
        ("Legal basis".into(), v.legal_basis.join(", ")),
        ("Roles".into(), v.roles.join(", ").replace('_', " ")),
        (
            "Profiling".into(),
            match v.profiling {
                Some(true) => "yes".into(),
                Some(false) => "no".into(),
                None => "not established".into(),
            },
        ),
        (
            "Transparency (Art. 50)".into(),
            v.transparency.as_ref().map_or_else(
                || "none".into(),
                |t| format!("{} from {}", t.articles.join(", "), t.applies_from),
            ),
        ),
        (
            "General-purpose AI".into(),
            v.gpai.as_ref().map_or_else(
                || "not a GPAI model provider".into(),
                |g| {
                    format!(
                        "{}{}",
                        g.articles.join(", "),
                        if g.systemic_risk {
                            " (systemic risk)"
                        } else {
                            ""
                        }
                    )
                },
            ),
        ),
    ]));
    if !v.open_questions.is_empty() {
        out.push(Block::h2("Open questions"));
        out.push(Block::Bullets(
            v.open_questions
                .iter()
                .map(|o| format!("{} — {}", o.prompt, o.why))
                .collect(),
        ));
    }
    out.push(Block::h2("Reasoning trace"));
    out.push(Block::Table {
        headers: vec![
            "Step".into(),
            "Finding".into(),
            "Relies on".into(),
            "Answers used".into(),
        ],
        widths: vec![1.6, 4.0, 2.2, 2.2],
        rows: v
            .trace
            .iter()
            .map(|s| {
                vec![
                    s.rule.clone(),
                    s.outcome.clone(),
                    s.citation.join(", "),
                    s.answers.join(", "),
                ]
            })
            .collect(),
        size: 8.5,
    });
    if !v.obligations.is_empty() {
        out.push(Block::h2("Obligations and deadlines"));
        out.push(Block::Table {
            headers: vec![
                "Article".into(),
                "Obligation".into(),
                "Role".into(),
                "Applies from".into(),
                "Date source".into(),
            ],
            widths: vec![1.2, 3.6, 1.3, 1.6, 2.8],
            rows: v
                .obligations
                .iter()
                .map(|o| {
                    let date = match &o.original_date {
                        Some(orig) => format!("{} (originally {orig})", o.applies_from),
                        None => o.applies_from.clone(),
                    };
                    vec![
                        o.article.clone(),
                        o.title.clone(),
                        o.role.replace('_', " "),
                        date,
                        o.date_source.clone(),
                    ]
                })
                .collect(),
            size: 8.0,
        });
        if let Ok(today) = NaiveDate::parse_from_str(report_date, "%Y-%m-%d") {
            let mut items: Vec<(String, NaiveDate)> = v
                .plan
                .iter()
                .filter_map(|p| {
                    Some((
                        format!("{}. {}", p.step, p.title),
                        NaiveDate::parse_from_str(&p.due, "%Y-%m-%d").ok()?,
                    ))
                })
                .collect();
            items.truncate(24);
            out.push(Block::KeepTogether(vec![
                Block::h2("Compliance plan timeline"),
                Block::small("Bars run from the report date to each deadline; red bars are duties already in force."),
                Block::Chart(Chart::Timeline { items, today }),
            ]));
        }
        out.push(Block::h2("Compliance plan"));
        for p in &v.plan {
            let mut text = format!(
                "{}. {} ({}, {}, due {}): {}",
                p.step,
                p.title,
                p.article,
                p.role.replace('_', " "),
                p.due,
                p.action
            );
            if let Some(note) = &p.note {
                text.push_str(&format!(" Route: {note}"));
            }
            text.push_str(&format!(" Evidence: {}.", p.evidence.join("; ")));
            out.push(Block::text(text));
        }
    }
    out.push(Block::h2("Fundamental-rights impact assessment (Art. 27)"));
    out.push(Block::text(v.fria.reason.clone()));
    if !v.fria.worksheet.is_empty() {
        out.push(Block::Bullets(
            v.fria
                .worksheet
                .iter()
                .map(|w| format!("{}: {}", w.citation, w.prompt))
                .collect(),
        ));
    }
}
