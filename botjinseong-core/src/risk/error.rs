//! What can be wrong with a risk catalog.

/// Why a risk catalog could not be read.
#[derive(Debug, thiserror::Error)]
pub enum RiskError {
    /// The text is not TOML of the expected shape (a missing or unknown
    /// field, a wrong type); the message names the line.
    #[error("risk catalog: {0}")]
    Syntax(#[from] toml::de::Error),
    /// One entry is well-formed TOML but not a valid catalog entry.
    #[error("risk catalog entry `{entry}`: {problem}")]
    Entry {
        /// The entry, as the catalog names it (an action, a pattern, a
        /// service prefix, a tier, a level).
        entry: String,
        /// What is wrong with it.
        problem: String,
    },
}

impl RiskError {
    /// An error about one entry.
    pub(crate) fn entry(entry: impl Into<String>, problem: impl Into<String>) -> Self {
        Self::Entry {
            entry: entry.into(),
            problem: problem.into(),
        }
    }
}
