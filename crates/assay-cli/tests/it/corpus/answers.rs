//! Answers and answer files: unknown IDs, wrong values, oversized, not files at all.

use std::path::Path;

use super::*;

pub(super) fn answers() -> Vec<Case> {
    vec![
        case(
            "answer to an unknown question",
            2,
            &["no_such_question", "no question has this ID"],
            cmd!("project", "answer", "@p.assay", "no_such_question", "yes"),
        ),
        case(
            "answer outside the options",
            2,
            &["ai_system", "perhaps"],
            cmd!("project", "answer", "@p.assay", "ai_system", "perhaps"),
        ),
        case(
            "answer that is neither JSON nor a bare value",
            2,
            &["{broken", "JSON"],
            cmd!("project", "answer", "@p.assay", "ai_system", "{broken"),
        ),
        case(
            "answer of the wrong type",
            2,
            &["eu_nexus", "expected an array"],
            cmd!(
                "project",
                "answer",
                "@p.assay",
                "eu_nexus",
                "\"deployer_in_eu\""
            ),
        ),
        case(
            "answer to a question that is not asked",
            2,
            &["gpai_systemic", "not asked"],
            cmd!("project", "answer", "@p.assay", "gpai_systemic", "yes"),
        ),
        case(
            "answer with an oversized note",
            2,
            &["note", "bytes"],
            |d| {
                let mut a = args(
                    d,
                    &[
                        "project",
                        "answer",
                        "@p.assay",
                        "ai_system",
                        "yes",
                        "--note",
                    ],
                );
                a.push("n".repeat(100_000).into());
                a
            },
        ),
        case(
            "answer for an unknown assessment",
            2,
            &["nope"],
            cmd!(
                "project",
                "answer",
                "@p.assay",
                "ai_system",
                "yes",
                "--assessment",
                "nope"
            ),
        ),
        case(
            "answer to a project that is a text file",
            1,
            &["notes.assay", "not an SQLite database"],
            |d| {
                write(d, "notes.assay", "meeting notes");
                args(
                    d,
                    &["project", "answer", "@notes.assay", "ai_system", "yes"],
                )
            },
        ),
        case(
            "import of a missing file",
            2,
            &["answers.json"],
            cmd!("project", "import-answers", "@p.assay", "@answers.json"),
        ),
        case(
            "import of a file that is not JSON",
            2,
            &["answers.json", "JSON"],
            |d| {
                write(d, "answers.json", "ai_system: yes");
                args(
                    d,
                    &["project", "import-answers", "@p.assay", "@answers.json"],
                )
            },
        ),
        case(
            "import of a JSON array",
            2,
            &["expected a JSON object"],
            |d| {
                write(d, "answers.json", "[1, 2]");
                args(
                    d,
                    &["project", "import-answers", "@p.assay", "@answers.json"],
                )
            },
        ),
        case(
            "import naming an unknown question",
            2,
            &["wat", "no question has this ID"],
            |d| {
                write(d, "answers.json", r#"{"ai_system": "yes", "wat": "yes"}"#);
                args(
                    d,
                    &["project", "import-answers", "@p.assay", "@answers.json"],
                )
            },
        ),
        case(
            "import with an oversized answer",
            2,
            &["system_description", "bytes"],
            |d| {
                let big = "x".repeat(300 * 1024);
                write(
                    d,
                    "answers.json",
                    format!(r#"{{"ai_system": "yes", "system_description": "{big}"}}"#),
                );
                args(
                    d,
                    &["project", "import-answers", "@p.assay", "@answers.json"],
                )
            },
        ),
        case(
            "import from a named pipe",
            2,
            &["answers.json", "ordinary file"],
            |d| {
                fifo(d, "answers.json");
                args(
                    d,
                    &["project", "import-answers", "@p.assay", "@answers.json"],
                )
            },
        ),
        case(
            "import from /dev/zero",
            2,
            &["/dev/zero", "ordinary file"],
            |d| args(d, &["project", "import-answers", "@p.assay", "/dev/zero"]),
        ),
        case("import of a huge file", 2, &["huge.json", "bytes"], |d| {
            let f = std::fs::File::create(d.join("huge.json")).unwrap();
            f.set_len(200 << 20).unwrap();
            args(d, &["project", "import-answers", "@p.assay", "@huge.json"])
        }),
        case(
            "assess with a missing answers file",
            2,
            &["gone.json"],
            cmd!("assess", "eu-ai-act", "--answers", "@gone.json"),
        ),
        case(
            "questions of an unknown questionnaire",
            2,
            &["no-such"],
            cmd!("questions", "no-such"),
        ),
        case(
            "kb show of an unknown ID",
            2,
            &["soc2:CC99.9"],
            cmd!("kb", "show", "soc2:CC99.9"),
        ),
        case(
            "a file name that is not UTF-8",
            2,
            &["not valid UTF-8"],
            |d| {
                use std::os::unix::ffi::OsStringExt;
                let mut name = d.join("p").into_os_string().into_vec();
                name.extend_from_slice(b"\xff.assay");
                vec!["project".into(), "new".into(), OsString::from_vec(name)]
            },
        ),
    ]
}
