//! The small vocabularies of the output contract: who the caller is and why
//! the request was denied.

use serde::{Deserialize, Serialize};

/// What kind of principal made the denied call, read from its ARN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PrincipalKind {
    /// An IAM user: `arn:aws:iam::123456789012:user/name`.
    User,
    /// An STS session of an assumed role: `arn:aws:sts::123456789012:assumed-role/role/session`.
    AssumedRole,
    /// An IAM role: `arn:aws:iam::123456789012:role/name`.
    Role,
    /// The account's root user: `arn:aws:iam::123456789012:root`.
    Root,
    /// An STS federated user: `arn:aws:sts::123456789012:federated-user/name`.
    FederatedUser,
    /// An AWS service principal such as `lambda.amazonaws.com`.
    Service,
    /// The message names no caller, or one of no known shape.
    #[default]
    Unknown,
}

/// Why AWS denied the request, as far as the message tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DenialKind {
    /// No identity-based policy allows the action: an identity policy can fix it.
    ImplicitIdentity,
    /// An identity-based policy explicitly denies the action.
    ExplicitIdentity,
    /// A service control policy of the organization denies it.
    Scp,
    /// A resource control policy of the organization denies it.
    Rcp,
    /// The principal's permissions boundary does not allow it.
    PermissionsBoundary,
    /// The session policy passed when the role was assumed does not allow it.
    SessionPolicy,
    /// The resource's own policy (bucket policy, key policy …) does not allow it.
    ResourcePolicy,
    /// The VPC endpoint's policy does not allow it.
    VpcEndpoint,
    /// The reason is in an encoded authorization message that STS can decode.
    Encoded,
    /// An explicit deny whose policy type the message does not state.
    Explicit,
    /// The message gives no reason.
    #[default]
    Unknown,
}

impl DenialKind {
    /// The contract's spelling, as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ImplicitIdentity => "implicit_identity",
            Self::ExplicitIdentity => "explicit_identity",
            Self::Scp => "scp",
            Self::Rcp => "rcp",
            Self::PermissionsBoundary => "permissions_boundary",
            Self::SessionPolicy => "session_policy",
            Self::ResourcePolicy => "resource_policy",
            Self::VpcEndpoint => "vpc_endpoint",
            Self::Encoded => "encoded",
            Self::Explicit => "explicit",
            Self::Unknown => "unknown",
        }
    }

    /// Whether attaching an identity policy to the caller can lift this denial.
    ///
    /// Only implicit identity denials, and messages that give no reason, can
    /// be fixed by a grant; every explicit deny and every other policy type
    /// needs someone else.
    pub fn fixable_by_identity_policy(self) -> bool {
        matches!(self, Self::ImplicitIdentity | Self::Unknown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_str_is_the_serialized_spelling() {
        use DenialKind::*;
        for kind in [
            ImplicitIdentity,
            ExplicitIdentity,
            Scp,
            Rcp,
            PermissionsBoundary,
            SessionPolicy,
            ResourcePolicy,
            VpcEndpoint,
            Encoded,
            Explicit,
            Unknown,
        ] {
            assert_eq!(
                serde_json::to_value(kind).unwrap(),
                serde_json::Value::from(kind.as_str())
            );
        }
    }
}
