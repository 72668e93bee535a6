//! Why the request was denied: the first reason the text states.
//!
//! AWS words it as `because no <policy type> allows …` (nothing allowed it)
//! or `with an explicit deny in <policy type>`; EC2 hides it in an encoded
//! message; a decoded message says `"explicitDeny": true|false`.

use super::landmark::{Kind, Landmark};
use crate::kinds::DenialKind;

/// The first reason the landmarks of a text give, or [`DenialKind::Unknown`].
pub(crate) fn find(marks: &[Landmark<'_>]) -> DenialKind {
    let Some(mark) = marks
        .iter()
        .find(|m| matches!(m.kind, Kind::Reason | Kind::Encoded))
    else {
        return DenialKind::Unknown;
    };
    let mut words = [0u8; 96];
    let mut len = 0;
    for b in mark.phrase.bytes().filter(|b| *b != b' ') {
        if len < words.len() {
            words[len] = b.to_ascii_lowercase();
            len += 1;
        }
    }
    classify(std::str::from_utf8(&words[..len]).unwrap_or_default())
}

/// The kind a matched reason, lowercased and without spaces, names.
fn classify(words: &str) -> DenialKind {
    if words.starts_with("encoded") {
        return DenialKind::Encoded;
    }
    if words.starts_with("\"explicitdeny\"") {
        return if words.ends_with("true") {
            DenialKind::Explicit
        } else {
            DenialKind::ImplicitIdentity
        };
    }
    let explicit = words.starts_with("explicit");
    if words.contains("identity-based") {
        if explicit {
            DenialKind::ExplicitIdentity
        } else {
            DenialKind::ImplicitIdentity
        }
    } else if words.contains("servicecontrol") {
        DenialKind::Scp
    } else if words.contains("resourcecontrol") {
        DenialKind::Rcp
    } else if words.contains("boundar") {
        DenialKind::PermissionsBoundary
    } else if words.contains("session") {
        DenialKind::SessionPolicy
    } else if words.contains("resource-based") {
        DenialKind::ResourcePolicy
    } else if words.contains("vpcendpoint") {
        DenialKind::VpcEndpoint
    } else if explicit {
        DenialKind::Explicit
    } else {
        DenialKind::Unknown
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
