//! The file format: the application ID, the format version and the
//! append-only list of migrations.
//!
//! A migration, once released, never changes: `tests/it/migrations.rs`
//! pins the SHA-256 of every one, and `tests/fixtures/` holds a project file
//! of every released format that must open and upgrade.

/// `PRAGMA application_id`: "ASSY" in ASCII, so `file(1)`-style tools and
/// Assay itself can tell an Assay project from any other SQLite file.
pub const APPLICATION_ID: i32 = 0x4153_5359;

/// The format this build writes: the number of migrations.
pub const FORMAT_VERSION: i64 = MIGRATIONS.len() as i64;

/// The oldest format whose readers can still read what this build writes.
/// Raise it only when a migration changes the meaning of existing tables.
pub const MIN_READER_VERSION: i64 = 1;

/// Append-only. Each entry upgrades format N to N+1 inside one transaction.
pub const MIGRATIONS: &[&str] = &[
    // 1: the first released format.
    r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE engagement (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    client             TEXT NOT NULL,
    system_name        TEXT NOT NULL,
    system_description TEXT NOT NULL DEFAULT '',
    assessor           TEXT NOT NULL,
    start_date         TEXT,
    end_date           TEXT,
    template           TEXT NOT NULL
) STRICT;

CREATE TABLE assessment (
    id                    TEXT PRIMARY KEY,
    questionnaire         TEXT NOT NULL,
    questionnaire_version TEXT NOT NULL,
    kb_version            TEXT NOT NULL,
    kb_hash               TEXT NOT NULL,
    verdict_snapshot      TEXT,
    created_at            TEXT NOT NULL
) STRICT;

CREATE TABLE answer (
    assessment_id TEXT NOT NULL REFERENCES assessment(id),
    question_id   TEXT NOT NULL,
    value         TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    provenance    TEXT NOT NULL CHECK (provenance IN ('client_asserted', 'evidence_verified', 'assessor_judgement')),
    answered_by   TEXT NOT NULL,
    answered_at   TEXT NOT NULL,
    PRIMARY KEY (assessment_id, question_id)
) STRICT;

CREATE TABLE evidence (
    id         TEXT PRIMARY KEY,
    file_name  TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size       INTEGER NOT NULL CHECK (size >= 0),
    sha256     TEXT NOT NULL,
    added_by   TEXT NOT NULL,
    added_at   TEXT NOT NULL
) STRICT;

-- Evidence bytes in chunks: SQLite caps one value at 1 GB, and chunks let
-- a multi-gigabyte file stream in and out with flat memory.
CREATE TABLE evidence_chunk (
    evidence_id TEXT NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    data        BLOB NOT NULL,
    PRIMARY KEY (evidence_id, seq)
) STRICT;

CREATE TABLE evidence_link (
    evidence_id TEXT NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('answer', 'kb_item')),
    target      TEXT NOT NULL,
    PRIMARY KEY (evidence_id, target_kind, target)
) STRICT;

CREATE TABLE override (
    id            TEXT PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessment(id),
    finding       TEXT NOT NULL,
    original      TEXT NOT NULL,
    replacement   TEXT NOT NULL,
    justification TEXT NOT NULL CHECK (length(trim(justification)) > 0),
    made_by       TEXT NOT NULL,
    made_at       TEXT NOT NULL
) STRICT;

CREATE TABLE risk (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    likelihood  INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
    impact      INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
    owner       TEXT NOT NULL DEFAULT '',
    treatment   TEXT NOT NULL DEFAULT '',
    kb_refs     TEXT NOT NULL DEFAULT '[]',
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE report (
    id                 TEXT PRIMARY KEY,
    file_name          TEXT NOT NULL,
    sha256             TEXT NOT NULL,
    signer_fingerprint TEXT,
    created_at         TEXT NOT NULL
) STRICT;

-- Every change to answers, evidence links and overrides, hash-chained:
-- hash = SHA-256(prev_hash || canonical JSON of the row without its hash).
CREATE TABLE audit (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
) STRICT;
"#,
    // 2: seals on the audit trail, the obligation register, a fuller risk
    // register, evidence kind and collection date, the engagement's reviewer
    // and interviewees, and what a report was made from.
    r#"
CREATE TABLE seal (
    seq                INTEGER NOT NULL,
    head_hash          TEXT NOT NULL,
    signer_fingerprint TEXT NOT NULL,
    signer_name        TEXT NOT NULL,
    certificate        BLOB NOT NULL,
    signature          BLOB NOT NULL,
    sealed_at          TEXT NOT NULL,
    PRIMARY KEY (seq, signer_fingerprint)
) STRICT;

CREATE TABLE register_entry (
    assessment_id TEXT NOT NULL REFERENCES assessment(id),
    item_id       TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'not_applicable')),
    owner         TEXT NOT NULL DEFAULT '',
    target_date   TEXT,
    note          TEXT NOT NULL DEFAULT '',
    updated_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (assessment_id, item_id)
) STRICT;

ALTER TABLE risk ADD COLUMN assessment_id TEXT;
ALTER TABLE risk ADD COLUMN source TEXT NOT NULL DEFAULT 'manual';
ALTER TABLE risk ADD COLUMN residual_likelihood INTEGER CHECK (residual_likelihood BETWEEN 1 AND 5);
ALTER TABLE risk ADD COLUMN residual_impact INTEGER CHECK (residual_impact BETWEEN 1 AND 5);
ALTER TABLE risk ADD COLUMN due_date TEXT;
ALTER TABLE risk ADD COLUMN status TEXT NOT NULL DEFAULT 'open';
ALTER TABLE risk ADD COLUMN justification TEXT NOT NULL DEFAULT '';

ALTER TABLE evidence ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE evidence ADD COLUMN collected_on TEXT;

ALTER TABLE engagement ADD COLUMN reviewer TEXT NOT NULL DEFAULT '';
ALTER TABLE engagement ADD COLUMN interviewees TEXT NOT NULL DEFAULT '[]';

ALTER TABLE report ADD COLUMN final INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report ADD COLUMN audit_seq INTEGER;
ALTER TABLE report ADD COLUMN audit_head TEXT;
"#,
];

/// For reading an older file without changing it: entry N presents a
/// format-(N+1) file as the current format, with temporary views and
/// tables (in SQLite's `temp` schema, which is searched before `main` and
/// never written to the file). Views carry the table's `rowid`, which
/// queries order by. Applied in order from the file's format.
pub(crate) const READ_ONLY_SHIMS: &[&str] = &[
    // 1 → 2.
    r#"
CREATE TEMP VIEW engagement AS
    SELECT rowid AS rowid, *, '' AS reviewer, '[]' AS interviewees FROM main.engagement;
CREATE TEMP VIEW evidence AS
    SELECT rowid AS rowid, *, '' AS kind, NULL AS collected_on FROM main.evidence;
CREATE TEMP VIEW risk AS
    SELECT rowid AS rowid, *, NULL AS assessment_id, 'manual' AS source, NULL AS residual_likelihood,
           NULL AS residual_impact, NULL AS due_date, 'open' AS status, '' AS justification
    FROM main.risk;
CREATE TEMP VIEW report AS
    SELECT rowid AS rowid, *, 0 AS final, NULL AS audit_seq, NULL AS audit_head FROM main.report;
CREATE TEMP TABLE seal (
    seq INTEGER, head_hash TEXT, signer_fingerprint TEXT, signer_name TEXT,
    certificate BLOB, signature BLOB, sealed_at TEXT
);
CREATE TEMP TABLE register_entry (
    assessment_id TEXT, item_id TEXT, status TEXT, owner TEXT, target_date TEXT,
    note TEXT, updated_by TEXT, updated_at TEXT
);
"#,
];
