//! Reports and their verification: outputs in the way, tampered projects, bad signers.

use std::path::Path;

use super::*;

pub(super) fn reports() -> Vec<Case> {
    vec![
        case(
            "report onto the project itself",
            2,
            &["p.assay", "project"],
            cmd!("report", "@p.assay", "--out", "@p.assay", "--force"),
        ),
        case(
            "report onto another project",
            2,
            &["other.assay", "project"],
            |d| {
                std::fs::copy(d.join("p.assay"), d.join("other.assay")).unwrap();
                args(
                    d,
                    &["report", "@p.assay", "--out", "@other.assay", "--force"],
                )
            },
        ),
        case(
            "report over an existing file",
            2,
            &["report.pdf", "already exists", "--force"],
            cmd!("report", "@p.assay", "--out", "@report.pdf"),
        ),
        case(
            "report into a missing folder",
            2,
            &["no/such", "folder"],
            cmd!("report", "@p.assay", "--out", "@no/such/r.pdf"),
        ),
        case("report onto a folder", 2, &["sub", "folder"], |d| {
            std::fs::create_dir(d.join("sub")).unwrap();
            args(d, &["report", "@p.assay", "--out", "@sub", "--force"])
        }),
        case(
            "report with unknown sections",
            2,
            &["horoscope"],
            cmd!(
                "report",
                "@p.assay",
                "--out",
                "@r.pdf",
                "--sections",
                "summary,horoscope"
            ),
        ),
        case(
            "report from a text file",
            1,
            &["notes.assay", "not an SQLite database"],
            |d| {
                write(d, "notes.assay", "notes");
                args(d, &["report", "@notes.assay", "--out", "@r.pdf"])
            },
        ),
        case(
            "report from a tampered project",
            1,
            &["the project fails verification"],
            |d| {
                edit_behind_assays_back(
                    &d.join("p.assay"),
                    "UPDATE engagement SET client = 'Someone Else'",
                );
                args(
                    d,
                    &["report", "@p.assay", "--out", "@r.pdf", "--demo-identity"],
                )
            },
        ),
        case(
            "signed report with the wrong passphrase",
            2,
            &["wrong passphrase"],
            cmd!("report", "@p.assay", "--out", "@r.pdf", "--sign"),
        )
        .with_env("ASSAY_PASSPHRASE", "not the passphrase"),
        case("signed report without an identity", 2, &["identity"], |d| {
            std::fs::remove_file(d.join("home/config/signing-identity.json")).unwrap();
            args(d, &["report", "@p.assay", "--out", "@r.pdf", "--sign"])
        }),
        // The project records each export in its audit trail.
        case(
            "report that is written",
            0,
            &["r.pdf"],
            cmd!("report", "@p.assay", "--out", "@r.pdf"),
        )
        .writes(&["r.pdf", "p.assay"]),
        case("verify a file that is not a PDF", 2, &["notes.pdf"], |d| {
            write(d, "notes.pdf", "not a pdf");
            args(d, &["verify", "@notes.pdf"])
        }),
        case(
            "verify a missing file",
            2,
            &["gone.pdf"],
            cmd!("verify", "@gone.pdf"),
        ),
        case(
            "verify a named pipe",
            2,
            &["pipe.pdf", "ordinary file"],
            |d| {
                fifo(d, "pipe.pdf");
                args(d, &["verify", "@pipe.pdf"])
            },
        ),
        case(
            "verify expecting a malformed fingerprint",
            2,
            &["xyz"],
            cmd!("verify", "@report.pdf", "--expect-signer", "xyz"),
        ),
        case(
            "trust a malformed fingerprint",
            2,
            &["abc"],
            cmd!("trust", "add", "abc"),
        ),
        case(
            "stop trusting an unknown signer",
            2,
            &["no trusted signer"],
            |_| vec!["trust".into(), "remove".into(), "ab".repeat(32).into()],
        ),
        case(
            "report beside the user's own files named like temporaries",
            0,
            &["r.pdf"],
            |d| {
                write(d, "r.pdf.tmp", "the user's own file");
                write(d, "mine.tmp", "another of the user's files");
                write(d, ".r.pdf.abc.tmp", "and one more");
                args(d, &["report", "@p.assay", "--out", "@r.pdf"])
            },
        )
        .writes(&["r.pdf", "p.assay"]),
    ]
}
