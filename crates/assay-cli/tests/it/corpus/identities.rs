//! Signing identities, the risk register and the obligation register.

use std::path::Path;

use super::*;

pub(super) fn identities_and_registers() -> Vec<Case> {
    vec![
        case(
            "identity with an empty name",
            2,
            &["name"],
            cmd!(
                "identity",
                "new",
                "--name",
                " ",
                "--organisation",
                "X",
                "--email",
                "x@example.com",
                "--replace"
            ),
        ),
        case(
            "identity with a malformed email",
            2,
            &["e-mail address"],
            cmd!(
                "identity",
                "new",
                "--name",
                "Ada",
                "--organisation",
                "X",
                "--email",
                "not-an-address",
                "--replace"
            ),
        ),
        case(
            "identity over an existing one",
            2,
            &["identity", "--replace"],
            cmd!(
                "identity",
                "new",
                "--name",
                "Ada",
                "--organisation",
                "X",
                "--email",
                "x@example.com"
            ),
        ),
        case(
            "identity import of a missing file",
            2,
            &["id.p12"],
            cmd!("identity", "import", "@id.p12"),
        ),
        case(
            "identity import of a file that is not PKCS#12",
            2,
            &["id.p12", "PKCS#12"],
            |d| {
                write(d, "id.p12", "certainly not DER");
                args(d, &["identity", "import", "@id.p12", "--replace"])
            },
        )
        .with_env("ASSAY_P12_PASSWORD", "secret"),
        case(
            "risk with a likelihood of 9",
            2,
            &["likelihood", "9"],
            cmd!(
                "risk",
                "add",
                "@p.assay",
                "--title",
                "R",
                "--likelihood",
                "9",
                "--impact",
                "2"
            ),
        ),
        case(
            "risk with an empty title",
            2,
            &["title"],
            cmd!(
                "risk",
                "add",
                "@p.assay",
                "--title",
                "  ",
                "--likelihood",
                "2",
                "--impact",
                "2"
            ),
        ),
        case(
            "risk with a bad due date",
            2,
            &["31-02-2027"],
            cmd!(
                "risk",
                "add",
                "@p.assay",
                "--title",
                "R",
                "--likelihood",
                "2",
                "--impact",
                "2",
                "--due",
                "31-02-2027"
            ),
        ),
        case(
            "update of an unknown risk",
            2,
            &["nope"],
            cmd!(
                "risk",
                "update",
                "@p.assay",
                "nope",
                "--title",
                "R",
                "--likelihood",
                "2",
                "--impact",
                "2"
            ),
        ),
        case(
            "removal of an unknown risk",
            2,
            &["nope"],
            cmd!("risk", "remove", "@p.assay", "nope"),
        ),
        case(
            "register entry for an unknown duty",
            2,
            &["eu-ai-act:art-999"],
            cmd!(
                "register",
                "set",
                "@p.assay",
                "eu-ai-act:art-999",
                "--status",
                "done"
            ),
        ),
        case(
            "register entry with an unknown status",
            2,
            &["finished"],
            |d| {
                let duty = base().duty.clone();
                args(
                    d,
                    &["register", "set", "@p.assay", &duty, "--status", "finished"],
                )
            },
        ),
        case(
            "register entry with a bad target date",
            2,
            &["tomorrow"],
            |d| {
                let duty = base().duty.clone();
                args(
                    d,
                    &["register", "set", "@p.assay", &duty, "--target", "tomorrow"],
                )
            },
        ),
    ]
}
