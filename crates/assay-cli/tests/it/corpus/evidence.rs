//! Evidence in and out: files that are not files, unknown links, outputs in the way.

use std::path::Path;

use super::*;

pub(super) fn evidence() -> Vec<Case> {
    vec![
        case(
            "evidence from a named pipe",
            2,
            &["pipe.txt", "ordinary file"],
            |d| {
                fifo(d, "pipe.txt");
                args(d, &["evidence", "add", "@p.assay", "@pipe.txt"])
            },
        ),
        case(
            "evidence from /dev/zero",
            2,
            &["/dev/zero", "ordinary file"],
            cmd!("evidence", "add", "@p.assay", "/dev/zero"),
        ),
        case(
            "evidence that is a folder",
            2,
            &["docs", "ordinary file"],
            |d| {
                std::fs::create_dir(d.join("docs")).unwrap();
                args(d, &["evidence", "add", "@p.assay", "@docs"])
            },
        ),
        case(
            "evidence that does not exist",
            2,
            &["gone.pdf"],
            cmd!("evidence", "add", "@p.assay", "@gone.pdf"),
        ),
        case(
            "evidence linked to an unknown knowledge-base item",
            2,
            &["eu-ai-act:art-999"],
            cmd!(
                "evidence",
                "add",
                "@p.assay",
                "@policy.txt",
                "--kb-item",
                "eu-ai-act:art-999"
            ),
        ),
        case(
            "evidence linked to an unknown question",
            2,
            &["no_such_question"],
            cmd!(
                "evidence",
                "add",
                "@p.assay",
                "@policy.txt",
                "--answer",
                "no_such_question"
            ),
        ),
        case(
            "evidence with a bad collection date",
            2,
            &["2026-13-45"],
            cmd!(
                "evidence",
                "add",
                "@p.assay",
                "@policy.txt",
                "--collected-on",
                "2026-13-45"
            ),
        ),
        case(
            "evidence of an unknown kind",
            2,
            &["tarot_reading", "evidence kind"],
            cmd!(
                "evidence",
                "add",
                "@p.assay",
                "@policy.txt",
                "--kind",
                "tarot_reading"
            ),
        ),
        case(
            "extract an unknown evidence ID",
            2,
            &["nope"],
            cmd!("evidence", "extract", "@p.assay", "nope", "--out", "@"),
        ),
        case(
            "extract into a missing folder",
            2,
            &["no/such", "folder"],
            |d| {
                let id = base().evidence_id.clone();
                args(
                    d,
                    &["evidence", "extract", "@p.assay", &id, "--out", "@no/such"],
                )
            },
        ),
        case("extract into a file", 2, &["policy.txt", "folder"], |d| {
            let id = base().evidence_id.clone();
            args(
                d,
                &[
                    "evidence",
                    "extract",
                    "@p.assay",
                    &id,
                    "--out",
                    "@policy.txt",
                ],
            )
        }),
        case(
            "extract over an existing file",
            2,
            &["policy.txt", "already exists"],
            |d| {
                let id = base().evidence_id.clone();
                args(d, &["evidence", "extract", "@p.assay", &id, "--out", "@"])
            },
        ),
        case(
            "extract over a symbolic link",
            2,
            &["policy.txt", "already exists"],
            |d| {
                std::fs::create_dir(d.join("out")).unwrap();
                write(d, "outside.txt", "must not change");
                std::os::unix::fs::symlink(d.join("outside.txt"), d.join("out/policy.txt"))
                    .unwrap();
                let id = base().evidence_id.clone();
                args(
                    d,
                    &["evidence", "extract", "@p.assay", &id, "--out", "@out"],
                )
            },
        ),
        case(
            "forced extract replaces the link, not what it points to",
            0,
            &["policy.txt"],
            |d| {
                std::fs::create_dir(d.join("out")).unwrap();
                write(d, "outside.txt", "must not change");
                std::os::unix::fs::symlink(d.join("outside.txt"), d.join("out/policy.txt"))
                    .unwrap();
                let id = base().evidence_id.clone();
                args(
                    d,
                    &[
                        "evidence", "extract", "@p.assay", &id, "--out", "@out", "--force",
                    ],
                )
            },
        )
        .writes(&["out/policy.txt"]),
        case(
            "extract beside a user's file named like a temporary",
            0,
            &["policy.txt"],
            |d| {
                std::fs::create_dir(d.join("out")).unwrap();
                write(d, "out/policy.txt.partial", "the user's own file");
                write(d, "out/.policy.txt.tmp", "another of the user's files");
                let id = base().evidence_id.clone();
                args(
                    d,
                    &["evidence", "extract", "@p.assay", &id, "--out", "@out"],
                )
            },
        )
        .writes(&["out/policy.txt"]),
    ]
}
