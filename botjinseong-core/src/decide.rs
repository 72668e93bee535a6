//! The grant rules: from a denial and a recommendation to a decision, with
//! its reasons.

use std::borrow::Cow;

use crate::analysis::{Decision, Source};
use crate::catalog::{Catalog, PolicyRecord};
use crate::kinds::{DenialKind, PrincipalKind};
use crate::sentence::{concat, decimal};

/// The default risk at or above which an admin must approve.
pub const DEFAULT_THRESHOLD: u8 = 50;

/// The configurable part of the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Risk at or above which an admin must approve.
    pub threshold: u8,
    /// Policy names or ARNs never attached, beyond the catalog's own list.
    pub never_grant: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            threshold: DEFAULT_THRESHOLD,
            never_grant: Vec::new(),
        }
    }
}

/// Why a configuration value was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    /// The threshold is not an integer from 1 to 101.
    #[error("BOTJINSEONG_RISK_THRESHOLD must be an integer from 1 to 101, not {0:?}")]
    Threshold(String),
}

impl Config {
    /// Reads `BOTJINSEONG_RISK_THRESHOLD` and `BOTJINSEONG_NEVER_GRANT`
    /// through `lookup` (usually `std::env::var`).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let threshold = match lookup("BOTJINSEONG_RISK_THRESHOLD") {
            None => DEFAULT_THRESHOLD,
            Some(text) => text
                .trim()
                .parse::<u8>()
                .ok()
                .filter(|t| (1..=101).contains(t))
                .ok_or(ConfigError::Threshold(text))?,
        };
        let never_grant = lookup("BOTJINSEONG_NEVER_GRANT")
            .map(|list| {
                list.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        Ok(Self {
            threshold,
            never_grant,
        })
    }

    /// Whether a policy is on the never-grant list (the catalog's or this
    /// configuration's, by name or ARN).
    pub fn never_grants(&self, catalog: &Catalog, policy: &PolicyRecord) -> bool {
        catalog.never_grant.contains(&policy.name)
            || self
                .never_grant
                .iter()
                .any(|n| *n == policy.name || *n == policy.arn)
    }
}

/// What the rules are given.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    /// Why AWS denied the request.
    pub denial: DenialKind,
    /// Who was denied.
    pub principal: PrincipalKind,
    /// The policies recommended (none when nothing fits).
    pub policies: &'a [&'a PolicyRecord],
    /// Where they came from.
    pub source: Source,
    /// Whether they cover every denied action.
    pub covers_all: bool,
    /// Whether the message names (or implies) any action at all.
    pub names_an_action: bool,
}

/// A decision and the rules that led to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// The decision.
    pub decision: Decision,
    /// Each rule that applied, in plain words.
    pub reasons: Vec<Cow<'static, str>>,
}

/// Applies the rules.
pub fn decide(config: &Config, catalog: &Catalog, facts: &Facts<'_>) -> Verdict {
    let mut reasons = Vec::new();
    if !facts.denial.fixable_by_identity_policy() {
        let decision = if facts.denial == DenialKind::Encoded {
            reasons
                .push("the reason is in an encoded authorization message; decode it first".into());
            Decision::Unresolved
        } else {
            reasons.push(
                format!(
                    "{} cannot be lifted by an identity policy",
                    denial_words(facts.denial)
                )
                .into(),
            );
            Decision::NotFixable
        };
        return Verdict { decision, reasons };
    }
    let Some(riskiest) = facts.policies.iter().max_by_key(|p| p.risk.risk) else {
        reasons.push(if facts.names_an_action {
            "no AWS managed policy for people grants the denied action".into()
        } else {
            "the message names no IAM action".into()
        });
        return Verdict {
            decision: Decision::Unresolved,
            reasons,
        };
    };
    let mut approval = false;
    for policy in facts.policies {
        if config.never_grants(catalog, policy) {
            reasons.push(
                format!(
                    "{} is on the never-grant list: it is never attached, not even on approval",
                    policy.name
                )
                .into(),
            );
            approval = true;
        }
    }
    if facts.principal != PrincipalKind::User {
        reasons.push(if facts.principal == PrincipalKind::Unknown {
            "the message names no IAM user as the caller, so nothing is attached automatically"
                .into()
        } else {
            "the caller is not an IAM user, so nothing is attached automatically".into()
        });
        approval = true;
    }
    if facts.source == Source::Advisor {
        reasons.push("the policy was suggested by the language model".into());
        approval = true;
    }
    if !facts.covers_all {
        reasons.push("the policy does not cover every denied action".into());
        approval = true;
    }
    let risk = riskiest.risk.risk;
    let above = risk >= config.threshold;
    approval |= above;
    reasons.push(
        concat(&[
            "risk ",
            decimal(risk),
            " (",
            &riskiest.name,
            if above {
                ") is at or above the threshold "
            } else {
                ") is below the threshold "
            },
            decimal(config.threshold),
        ])
        .into(),
    );
    Verdict {
        decision: if approval {
            Decision::NeedsApproval
        } else {
            Decision::AutoGrant
        },
        reasons,
    }
}

/// What a denial kind means, in words.
pub fn denial_words(denial: DenialKind) -> &'static str {
    match denial {
        DenialKind::ImplicitIdentity => "no identity-based policy allows the action",
        DenialKind::ExplicitIdentity => "an explicit deny in an identity-based policy",
        DenialKind::Scp => "a service control policy of the organization",
        DenialKind::Rcp => "a resource control policy of the organization",
        DenialKind::PermissionsBoundary => "the permissions boundary",
        DenialKind::SessionPolicy => "the session policy",
        DenialKind::ResourcePolicy => "the resource's own policy",
        DenialKind::VpcEndpoint => "the VPC endpoint policy",
        DenialKind::Encoded => "an encoded authorization failure",
        DenialKind::Explicit => "an explicit deny",
        DenialKind::Unknown => "the message gives no reason",
    }
}

/// Who can lift a denial that no identity policy can.
pub fn who_can_fix(denial: DenialKind) -> &'static str {
    match denial {
        DenialKind::Scp | DenialKind::Rcp => "the AWS Organizations administrator",
        DenialKind::PermissionsBoundary => "an account admin, by changing the permissions boundary",
        DenialKind::SessionPolicy => "whoever assumed the role, by passing a wider session policy",
        DenialKind::ResourcePolicy => {
            "the resource's owner, by changing its policy (bucket policy, key policy …)"
        }
        DenialKind::VpcEndpoint => "the network admin, by changing the VPC endpoint policy",
        DenialKind::ExplicitIdentity | DenialKind::Explicit => {
            "an account admin, by removing or narrowing the explicit deny"
        }
        DenialKind::Encoded => "someone allowed sts:DecodeAuthorizationMessage to decode it",
        DenialKind::ImplicitIdentity | DenialKind::Unknown => "an admin, by attaching a policy",
    }
}
