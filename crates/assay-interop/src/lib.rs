//! Machine-readable exports of a project, built from the same report data
//! the signed PDF is made from, so every format says what the report says.
//!
//! - [`cyclonedx`]: the AI system as a CycloneDX 1.6 ML-BOM.
//! - [`oscal`]: findings and observations as OSCAL assessment results.
//! - [`project_json`]: Assay's own interchange format, which
//!   `import-answers` reads back, with a published JSON Schema.
//!
//! Like the engine, this crate is pure: the export time comes in as an
//! argument, and the UUIDs a format needs are derived (UUID v5) from the
//! project's own UUID and the object's name, so the same project exports
//! the same identifiers every time.

pub mod cyclonedx;
pub mod oscal;
pub mod project_json;

/// What can go wrong reading an interchange file.
#[derive(Debug, thiserror::Error)]
pub enum InteropError {
    #[error("not an Assay project export: {0}")]
    NotAnExport(String),
    #[error(
        "the export is format version {found}, newer than this Assay reads ({supported}); update Assay"
    )]
    NewerFormat { found: u32, supported: u32 },
}

/// A stable UUID for `name` within the project `project_id`.
pub(crate) fn derived_uuid(project_id: &str, name: &str) -> String {
    let namespace = uuid::Uuid::parse_str(project_id)
        .unwrap_or_else(|_| uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, project_id.as_bytes()));
    uuid::Uuid::new_v5(&namespace, name.as_bytes()).to_string()
}
