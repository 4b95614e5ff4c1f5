//! Project files that are missing, foreign, damaged, newer, locked or in the way.

use std::path::Path;

use super::*;

pub(super) fn project_files() -> Vec<Case> {
    vec![
        case(
            "text file as project",
            1,
            &["notes.assay", "not an SQLite database"],
            |d| {
                write(d, "notes.assay", "not a database");
                args(d, &["project", "info", "@notes.assay"])
            },
        ),
        case("empty file as project", 1, &["empty.assay", "empty"], |d| {
            write(d, "empty.assay", "");
            args(d, &["project", "info", "@empty.assay"])
        }),
        case(
            "missing project",
            2,
            &["missing.assay", "does not exist"],
            cmd!("project", "info", "@missing.assay"),
        ),
        case("folder as project", 1, &["folder.assay", "folder"], |d| {
            std::fs::create_dir(d.join("folder.assay")).unwrap();
            args(d, &["project", "info", "@folder.assay"])
        }),
        case(
            "foreign SQLite database",
            1,
            &["crm.db", "not an Assay project"],
            |d| {
                sqlite(
                    d,
                    "crm.db",
                    "CREATE TABLE customer(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customer(name) VALUES ('A');",
                );
                args(d, &["project", "info", "@crm.db"])
            },
        ),
        case(
            "foreign SQLite database in WAL mode is left as it was",
            1,
            &["wal.db", "not an Assay project"],
            |d| {
                sqlite(
                    d,
                    "wal.db",
                    "PRAGMA journal_mode=WAL; CREATE TABLE t(x); INSERT INTO t VALUES (1);",
                );
                args(d, &["project", "answer", "@wal.db", "ai_system", "yes"])
            },
        ),
        case("truncated project", 1, &["cut.assay"], |d| {
            let bytes = std::fs::read(d.join("p.assay")).unwrap();
            write(d, "cut.assay", &bytes[..8192]);
            args(d, &["project", "verify", "@cut.assay"])
        }),
        case(
            "damaged pages found by verify",
            1,
            &["p.assay", "damaged"],
            |d| {
                let mut bytes = std::fs::read(d.join("p.assay")).unwrap();
                // Pages 2 to 5 overwritten: the schema and first tables' pages.
                for b in &mut bytes[4096..5 * 4096] {
                    *b = 0xA5;
                }
                write(d, "p.assay", bytes);
                args(d, &["project", "verify", "@p.assay"])
            },
        ),
        case(
            "project from a newer Assay",
            1,
            &["newer.assay", "newer"],
            |d| {
                std::fs::copy(d.join("p.assay"), d.join("newer.assay")).unwrap();
                sqlite(
                    d,
                    "newer.assay",
                    "PRAGMA user_version = 99; UPDATE meta SET value = '99' WHERE key IN ('format_version', 'min_reader_version');",
                );
                args(d, &["project", "info", "@newer.assay"])
            },
        ),
        case(
            "change to a project of a newer but readable format",
            1,
            &["newer.assay", "read-only", "newer"],
            |d| {
                std::fs::copy(d.join("p.assay"), d.join("newer.assay")).unwrap();
                sqlite(
                    d,
                    "newer.assay",
                    "PRAGMA user_version = 99; UPDATE meta SET value = '99' WHERE key = 'format_version';",
                );
                args(
                    d,
                    &["project", "answer", "@newer.assay", "ai_system", "yes"],
                )
            },
        ),
        case("named pipe as project", 1, &["pipe.assay", "pipe"], |d| {
            fifo(d, "pipe.assay");
            args(d, &["project", "info", "@pipe.assay"])
        }),
        case(
            "project new over an existing file",
            2,
            &["p.assay", "already exists"],
            cmd!("project", "new", "@p.assay"),
        ),
        case(
            "project new in a missing folder",
            2,
            &["no/such", "folder"],
            cmd!("project", "new", "@no/such/new.assay"),
        ),
        case("project new onto a folder", 2, &["sub", "folder"], |d| {
            std::fs::create_dir(d.join("sub")).unwrap();
            args(d, &["project", "new", "@sub"])
        }),
        case(
            "project new with an unknown template",
            2,
            &["hr-bot", "template"],
            cmd!("project", "new", "@n.assay", "--template", "hr-bot"),
        ),
        case(
            "a project another process is using",
            1,
            &["p.assay", "already open in another"],
            cmd!("project", "answer", "@p.assay", "ai_system", "yes"),
        )
        .while_locked("p.assay"),
        case(
            "the same project through a symbolic link",
            1,
            &["already open in another"],
            |d| {
                std::os::unix::fs::symlink(d.join("p.assay"), d.join("link.assay")).unwrap();
                args(d, &["project", "answer", "@link.assay", "ai_system", "yes"])
            },
        )
        .while_locked("p.assay"),
        case(
            "the same project through a hard link",
            1,
            &["already open in another"],
            |d| {
                std::fs::hard_link(d.join("p.assay"), d.join("hard.assay")).unwrap();
                args(d, &["project", "answer", "@hard.assay", "ai_system", "yes"])
            },
        )
        .while_locked("p.assay"),
        case(
            "reassess with an unknown assessment",
            2,
            &["nope", "assessment"],
            cmd!("project", "reassess", "@p.assay", "--assessment", "nope"),
        ),
        case(
            "a change to a read-only project",
            1,
            &["ro.assay", "read-only"],
            |d| {
                std::fs::copy(d.join("p.assay"), d.join("ro.assay")).unwrap();
                let mut permissions = std::fs::metadata(d.join("ro.assay")).unwrap().permissions();
                permissions.set_readonly(true);
                std::fs::set_permissions(d.join("ro.assay"), permissions).unwrap();
                args(d, &["project", "answer", "@ro.assay", "ai_system", "yes"])
            },
        ),
        case(
            "a report from a read-only project is written but not recorded",
            0,
            &["not recorded"],
            |d| {
                std::fs::copy(d.join("p.assay"), d.join("ro.assay")).unwrap();
                let mut permissions = std::fs::metadata(d.join("ro.assay")).unwrap().permissions();
                permissions.set_readonly(true);
                std::fs::set_permissions(d.join("ro.assay"), permissions).unwrap();
                args(d, &["report", "@ro.assay", "--out", "@r.pdf"])
            },
        )
        .writes(&["r.pdf"]),
    ]
}
