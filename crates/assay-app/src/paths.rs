use std::path::PathBuf;

/// Where Assay keeps the user's own files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// Settings and the recent-projects list.
    pub config_dir: PathBuf,
    /// Imported catalogue statements and other per-user data.
    pub data_dir: PathBuf,
}

impl Paths {
    /// The platform's directories, or `$ASSAY_HOME/config` and
    /// `$ASSAY_HOME/data` when `ASSAY_HOME` is set (tests and portable use).
    pub fn from_environment() -> Self {
        if let Some(home) = std::env::var_os("ASSAY_HOME") {
            let home = PathBuf::from(home);
            return Paths::under(home);
        }
        let fallback = || std::env::temp_dir().join("assay");
        Paths {
            config_dir: dirs::config_dir().map_or_else(fallback, |d| d.join("assay")),
            data_dir: dirs::data_dir().map_or_else(fallback, |d| d.join("assay")),
        }
    }

    /// Both directories below one folder.
    pub fn under(home: PathBuf) -> Self {
        Paths {
            config_dir: home.join("config"),
            data_dir: home.join("data"),
        }
    }

    pub fn recent_projects_file(&self) -> PathBuf {
        self.config_dir.join("recent-projects.json")
    }

    /// The signer identity: certificate and passphrase-encrypted key.
    pub fn identity_file(&self) -> PathBuf {
        self.config_dir.join("signing-identity.json")
    }

    /// Signers this computer trusts.
    pub fn trust_file(&self) -> PathBuf {
        self.config_dir.join("trusted-signers.json")
    }

    /// The person's practice attempts (never inside a client project).
    pub fn practice_file(&self) -> PathBuf {
        self.data_dir.join("practice-attempts.sqlite")
    }

    pub fn statements_file(&self) -> PathBuf {
        self.data_dir.join("imported-statements.json")
    }
}
