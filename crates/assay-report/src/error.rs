#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("could not render the report: {0}")]
    Render(String),
    #[error("could not sign the report: {0}")]
    Sign(String),
    #[error("not a PDF Assay can read: {0}")]
    NotPdf(String),
    #[error("the signing identity: {0}")]
    Identity(String),
    #[error("wrong passphrase for the signing key")]
    WrongPassphrase,
}
