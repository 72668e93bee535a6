//! Which AWS managed policies are a service's own: the picks people expect,
//! read from the policy's name and the reviewed stems of `data/natural.toml`.

use serde::Deserialize;

/// Why `data/natural.toml` could not be read.
#[derive(Debug, thiserror::Error)]
pub enum NaturalError {
    /// Not TOML of the expected shape.
    #[error("{0}")]
    Syntax(#[from] toml::de::Error),
    /// An entry lacks something.
    #[error("stems for {prefix:?}: {problem}")]
    Entry {
        /// The service prefix of the entry.
        prefix: String,
        /// What is wrong.
        problem: &'static str,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    stems: Vec<Stems>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Stems {
    prefix: String,
    stems: Vec<String>,
    reason: String,
}

/// The reviewed stems, by service prefix.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Natural {
    stems: Vec<(String, Vec<String>)>,
}

impl Natural {
    /// Reads `data/natural.toml`.
    pub fn from_toml(text: &str) -> Result<Self, NaturalError> {
        let file: File = toml::from_str(text)?;
        let mut stems = Vec::with_capacity(file.stems.len());
        for entry in file.stems {
            let problem = if entry.stems.is_empty() {
                Some("no stems")
            } else if entry.reason.trim().is_empty() {
                Some("no reason")
            } else {
                None
            };
            if let Some(problem) = problem {
                return Err(NaturalError::Entry {
                    prefix: entry.prefix,
                    problem,
                });
            }
            let normal = entry.stems.iter().map(|s| normalize(s)).collect();
            stems.push((entry.prefix.to_ascii_lowercase(), normal));
        }
        Ok(Self { stems })
    }

    /// Whether `policy` (a name) is the service `prefix`'s own.
    pub fn is_own(&self, policy: &str, prefix: &str) -> bool {
        let name = normalize(policy);
        let name = ["amazon", "aws"]
            .iter()
            .find_map(|p| name.strip_prefix(p))
            .unwrap_or(&name);
        let prefix = prefix.to_ascii_lowercase();
        name.starts_with(&normalize(&prefix))
            || self
                .stems
                .iter()
                .filter(|(p, _)| *p == prefix)
                .flat_map(|(_, stems)| stems)
                .any(|stem| name.starts_with(stem.as_str()))
    }
}

/// Lower-case letters and digits only.
fn normalize(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATA: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/natural.toml"));

    #[test]
    fn names_that_start_with_the_prefix_are_the_services_own() {
        let n = Natural::default();
        assert!(n.is_own("AmazonS3ReadOnlyAccess", "s3"));
        assert!(n.is_own("AWSLambda_ReadOnlyAccess", "lambda"));
        assert!(n.is_own("AmazonRDSFullAccess", "rds"));
        assert!(n.is_own("IAMReadOnlyAccess", "iam"));
        assert!(!n.is_own("AmazonDocDBFullAccess", "rds"));
        assert!(!n.is_own("ReadOnlyAccess", "s3"));
        assert!(!n.is_own("AmazonEC2FullAccess", "s3"));
    }

    #[test]
    fn reviewed_stems_cover_services_whose_prefix_is_not_in_the_name() {
        let n = Natural::from_toml(DATA).unwrap();
        assert!(n.is_own("CloudWatchLogsReadOnlyAccess", "logs"));
        assert!(n.is_own("AmazonEC2ContainerRegistryReadOnly", "ecr"));
        assert!(n.is_own("AWSStepFunctionsFullAccess", "states"));
        assert!(!n.is_own("CloudWatchLogsReadOnlyAccess", "ecr"));
        assert!(!Natural::default().is_own("CloudWatchLogsReadOnlyAccess", "logs"));
    }

    #[test]
    fn bad_entries_are_refused_with_their_prefix() {
        let err = Natural::from_toml("[[stems]]\nprefix = \"x\"\nstems = []\nreason = \"r\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("\"x\"") && err.contains("no stems"), "{err}");
        assert!(Natural::from_toml("[[stems]]\nprefix = 1\n").is_err());
        assert!(Natural::from_toml("[[nope]]\n").is_err());
    }
}
