//! Which AWS managed policies are never recommended to people, beyond the
//! `/service-role/` and `/aws-service-role/` paths that
//! [`PolicyKind`](crate::PolicyKind) already covers.
//!
//! Many policies at path `/` are written for roles and agents, not people:
//! permissions boundaries, execution policies, instance-profile and agent
//! policies, vendor integrations. The list (`data/exclusions.toml`) keeps
//! them as reviewed data in three parts:
//!
//! - `[[policies]]`: single policies by exact name, each with a reason;
//! - `[[rules]]`: name patterns (`*` any run, `?` one character; case
//!   matters, so `*Role*` does not match `…Roles…`'s lower-case words by
//!   accident) that catch a naming convention, each with a reason;
//! - `[[keep]]`: policies the rules would catch but that people do use,
//!   each with a reason; no rule applies to them.
//!
//! A named entry wins over `keep`, `keep` over the rules; the first
//! matching rule gives the reason.

use std::borrow::Cow;

use serde::Deserialize;

/// Text a static table can borrow and a parsed list can own.
type Text = Cow<'static, str>;

/// Why an exclusion list could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ExclusionError {
    /// The text is not TOML of the expected shape.
    #[error("exclusion list: {0}")]
    Syntax(#[from] toml::de::Error),
    /// One entry is not valid.
    #[error("exclusion list entry `{entry}`: {problem}")]
    Entry {
        /// The entry's name or pattern.
        entry: String,
        /// What is wrong with it.
        problem: String,
    },
}

/// One policy excluded by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExcludedPolicy {
    /// The policy's exact name.
    pub name: Text,
    /// Why people should not get it.
    pub reason: Text,
}

/// A naming convention that marks policies not meant for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExclusionRule {
    /// A name pattern, `*` and `?` wildcards, case-sensitive.
    pub pattern: Text,
    /// Why policies named this way are not for people.
    pub reason: Text,
}

/// A policy kept recommendable although a rule matches its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptPolicy {
    /// The policy's exact name.
    pub name: Text,
    /// Why people do use it.
    pub reason: Text,
}

/// The reviewed exclusion list.
#[derive(Debug, Clone, Default)]
pub struct Exclusions {
    /// Excluded by name, sorted by name.
    pub policies: Cow<'static, [ExcludedPolicy]>,
    /// Name rules, in the list's order.
    pub rules: Cow<'static, [ExclusionRule]>,
    /// Exceptions to the rules, sorted by name.
    pub keep: Cow<'static, [KeptPolicy]>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    policies: Vec<Named>,
    #[serde(default)]
    rules: Vec<Rule>,
    #[serde(default)]
    keep: Vec<Named>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Named {
    name: String,
    reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rule {
    pattern: String,
    reason: String,
}

impl Exclusions {
    /// Reads and checks an exclusion list (the format of
    /// `data/exclusions.toml`): every entry needs a one-line reason, rules
    /// need a wildcard, names are plain policy names and appear once.
    pub fn from_toml(text: &str) -> Result<Exclusions, ExclusionError> {
        let file: File = toml::from_str(text)?;
        let mut policies = Vec::with_capacity(file.policies.len());
        for p in file.policies {
            check_name(&p.name)?;
            policies.push(ExcludedPolicy {
                reason: reason(&p.name, &p.reason)?,
                name: Cow::Owned(p.name),
            });
        }
        policies.sort_by(|a, b| a.name.cmp(&b.name));
        if let Some(w) = policies.windows(2).find(|w| w[0].name == w[1].name) {
            return Err(entry(&w[1].name, "excluded twice"));
        }

        let mut keep = Vec::with_capacity(file.keep.len());
        for k in file.keep {
            check_name(&k.name)?;
            if policies
                .binary_search_by(|p| (*p.name).cmp(&k.name))
                .is_ok()
            {
                return Err(entry(&k.name, "both excluded and kept"));
            }
            keep.push(KeptPolicy {
                reason: reason(&k.name, &k.reason)?,
                name: Cow::Owned(k.name),
            });
        }
        keep.sort_by(|a, b| a.name.cmp(&b.name));
        if let Some(w) = keep.windows(2).find(|w| w[0].name == w[1].name) {
            return Err(entry(&w[1].name, "kept twice"));
        }

        let mut rules: Vec<ExclusionRule> = Vec::with_capacity(file.rules.len());
        for r in file.rules {
            if crate::wildcard::is_literal(&r.pattern) {
                return Err(entry(
                    &r.pattern,
                    "a rule without wildcards belongs in [[policies]]",
                ));
            }
            if r.pattern.chars().all(|c| c == '*' || c == '?') {
                return Err(entry(&r.pattern, "a rule must name something"));
            }
            if rules.iter().any(|x| x.pattern == r.pattern) {
                return Err(entry(&r.pattern, "rule listed twice"));
            }
            rules.push(ExclusionRule {
                reason: reason(&r.pattern, &r.reason)?,
                pattern: Cow::Owned(r.pattern),
            });
        }
        for k in &keep {
            if !rules
                .iter()
                .any(|r| crate::wildcard::matches(&r.pattern, &k.name, false))
            {
                return Err(entry(&k.name, "kept, but no rule matches it"));
            }
        }
        Ok(Exclusions {
            policies: Cow::Owned(policies),
            rules: Cow::Owned(rules),
            keep: Cow::Owned(keep),
        })
    }

    /// Why a managed policy (by name) is never recommended to people, or
    /// `None` when it may be.
    pub fn reason(&self, policy_name: &str) -> Option<&str> {
        if let Ok(at) = self
            .policies
            .binary_search_by(|p| (*p.name).cmp(policy_name))
        {
            return Some(&self.policies[at].reason);
        }
        if self
            .keep
            .binary_search_by(|k| (*k.name).cmp(policy_name))
            .is_ok()
        {
            return None;
        }
        self.rule(policy_name).map(|r| &*r.reason)
    }

    /// The first rule that matches a name, whether or not the name is kept
    /// or listed.
    pub fn rule(&self, policy_name: &str) -> Option<&ExclusionRule> {
        self.rules
            .iter()
            .find(|r| crate::wildcard::matches(&r.pattern, policy_name, false))
    }
}

fn entry(entry: &str, problem: &str) -> ExclusionError {
    ExclusionError::Entry {
        entry: entry.to_owned(),
        problem: problem.to_owned(),
    }
}

fn check_name(name: &str) -> Result<(), ExclusionError> {
    if name.is_empty() || name.contains(['/', ':', '*', '?', ' ']) {
        Err(entry(name, "a policy name, without path, ARN or wildcards"))
    } else {
        Ok(())
    }
}

fn reason(name: &str, text: &str) -> Result<Text, ExclusionError> {
    let text = text.trim();
    if text.is_empty() || text.contains('\n') {
        Err(entry(name, "every entry needs a one-line `reason`"))
    } else {
        Ok(Cow::Owned(text.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = r#"
        [[policies]]
        name = "AWSDenyAll"
        reason = "denies everything"
        [[rules]]
        pattern = "*PermissionsBoundary*"
        reason = "a permissions boundary"
        [[rules]]
        pattern = "*ExecutionPolicy"
        reason = "for an execution role"
        [[keep]]
        name = "FooExecutionPolicy"
        reason = "people use it"
    "#;

    #[test]
    fn names_keep_and_rules() {
        let x = Exclusions::from_toml(LIST).unwrap();
        assert_eq!(x.reason("AWSDenyAll"), Some("denies everything"));
        assert_eq!(
            x.reason("AmazonBedrockStudioPermissionsBoundary"),
            Some("a permissions boundary")
        );
        assert_eq!(
            x.reason("BarExecutionPolicy"),
            Some("for an execution role")
        );
        assert_eq!(x.reason("FooExecutionPolicy"), None);
        assert!(x.rule("FooExecutionPolicy").is_some());
        assert_eq!(x.reason("AmazonS3ReadOnlyAccess"), None);
        // Rules match case-sensitively.
        assert_eq!(x.reason("Fooexecutionpolicy"), None);
    }

    #[test]
    fn bad_entries_are_named() {
        let bad = [
            (
                "[[rules]]\npattern = \"Literal\"\nreason = \"x\"",
                "Literal",
            ),
            ("[[rules]]\npattern = \"**\"\nreason = \"x\"", "**"),
            ("[[policies]]\nname = \"A\"\nreason = \"\"", "reason"),
            ("[[policies]]\nname = \"a/b\"\nreason = \"x\"", "a/b"),
            (
                "[[policies]]\nname = \"A\"\nreason = \"x\"\n[[policies]]\nname = \"A\"\nreason = \"y\"",
                "twice",
            ),
            ("[[keep]]\nname = \"A\"\nreason = \"x\"", "no rule"),
            ("[[other]]\nname = \"A\"", "unknown"),
        ];
        for (text, needle) in bad {
            let e = Exclusions::from_toml(text).unwrap_err().to_string();
            assert!(e.contains(needle), "{text}: {e}");
        }
    }
}
