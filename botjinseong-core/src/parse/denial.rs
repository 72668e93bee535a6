//! Why the request was denied: the first reason the text states.
//!
//! AWS words it as `because no <policy type> allows …` (nothing allowed it)
//! or `with an explicit deny in <policy type>`; EC2 hides it in an encoded
//! message; a decoded message says `"explicitDeny": true|false`.

use super::landmark::{Kind, Landmark, Policy};
use crate::kinds::DenialKind;

/// The first reason the landmarks of a text give, or [`DenialKind::Unknown`].
pub(crate) fn find(marks: &[Landmark<'_>]) -> DenialKind {
    marks
        .iter()
        .find_map(|m| match m.kind {
            Kind::Reason { explicit, policy } => Some(classify(explicit, policy)),
            Kind::Encoded => Some(DenialKind::Encoded),
            _ => None,
        })
        .unwrap_or_default()
}

/// The kind of a reason: explicit or not, and the type of policy it names.
///
/// A reason that names no type is a bare explicit deny, or a decoded
/// message's `"explicitDeny": false` (nothing allowed the request).
fn classify(explicit: bool, policy: Option<Policy>) -> DenialKind {
    match policy {
        Some(Policy::Identity) if explicit => DenialKind::ExplicitIdentity,
        Some(Policy::Identity) => DenialKind::ImplicitIdentity,
        Some(Policy::ServiceControl) => DenialKind::Scp,
        Some(Policy::ResourceControl) => DenialKind::Rcp,
        Some(Policy::Boundary) => DenialKind::PermissionsBoundary,
        Some(Policy::Session) => DenialKind::SessionPolicy,
        Some(Policy::ResourceBased) => DenialKind::ResourcePolicy,
        Some(Policy::VpcEndpoint) => DenialKind::VpcEndpoint,
        None if explicit => DenialKind::Explicit,
        None => DenialKind::ImplicitIdentity,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_wording_has_its_kind() {
        for (text, kind) in [
            (
                "because no identity-based policy allows the",
                DenialKind::ImplicitIdentity,
            ),
            (
                "with an explicit deny in an identity-based policy",
                DenialKind::ExplicitIdentity,
            ),
            (
                "with an explicit deny in a service control policy",
                DenialKind::Scp,
            ),
            ("because no service control policy allows", DenialKind::Scp),
            (
                "with an explicit deny in a resource control policy",
                DenialKind::Rcp,
            ),
            (
                "because no permissions boundary allows",
                DenialKind::PermissionsBoundary,
            ),
            (
                "with an explicit deny in a permissions boundary:",
                DenialKind::PermissionsBoundary,
            ),
            (
                "because no session policy allows",
                DenialKind::SessionPolicy,
            ),
            (
                "because noresource-based policy allows",
                DenialKind::ResourcePolicy,
            ),
            (
                "because no VPC endpoint policy allows",
                DenialKind::VpcEndpoint,
            ),
            ("on resource: x with an explicit deny", DenialKind::Explicit),
            (
                "Encoded authorization failure message: abc",
                DenialKind::Encoded,
            ),
            (
                r#"{"allowed":false,"explicitDeny":true}"#,
                DenialKind::Explicit,
            ),
            ("Access Denied", DenialKind::Unknown),
        ] {
            assert_eq!(find(&super::super::landmark::find(text)), kind, "{text}");
        }
    }
}
