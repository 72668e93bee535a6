//! Why the request was denied: the first reason the text states.
//!
//! AWS words it as `because no <policy type> allows …` (nothing allowed it)
//! or `with an explicit deny in <policy type>`; EC2 hides it in an encoded
//! message; a decoded message says `"explicitDeny": true|false`.

use std::sync::LazyLock;

use regex::Regex;

use crate::kinds::DenialKind;

/// Every wording of a reason; `\s*` because wraps glue words together.
static REASON: LazyLock<Regex> = LazyLock::new(|| {
    const TYPES: &str = concat!(
        r"identity-based\s*polic(?:y|ies)|service\s*control\s*polic(?:y|ies)",
        r"|resource\s*control\s*polic(?:y|ies)|permissions?\s*boundar(?:y|ies)",
        r"|session\s*polic(?:y|ies)|resource-based\s*polic(?:y|ies)",
        r"|vpc\s*endpoint\s*polic(?:y|ies)",
    );
    Regex::new(&format!(
        concat!(
            r#"(?i)"explicitDeny"\s*:\s*(?:true|false)"#,
            r"|\bno\s*(?:{types})\s*allows?",
            r"|explicit\s*deny(?:\s*in\s*(?:an?\s*)?(?:{types}))?",
            r"|encoded\s*authori[sz]ation\s*failure\s*message",
        ),
        types = TYPES
    ))
    .expect("valid pattern")
});

/// The first reason `text` gives, or [`DenialKind::Unknown`].
pub(crate) fn find(text: &str) -> DenialKind {
    let Some(m) = REASON.find(text) else {
        return DenialKind::Unknown;
    };
    let words: String = m
        .as_str()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    classify(&words)
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
            ("because no identity-based policy allows the", DenialKind::ImplicitIdentity),
            ("with an explicit deny in an identity-based policy", DenialKind::ExplicitIdentity),
            ("with an explicit deny in a service control policy", DenialKind::Scp),
            ("because no service control policy allows", DenialKind::Scp),
            ("with an explicit deny in a resource control policy", DenialKind::Rcp),
            ("because no permissions boundary allows", DenialKind::PermissionsBoundary),
            ("with an explicit deny in a permissions boundary:", DenialKind::PermissionsBoundary),
            ("because no session policy allows", DenialKind::SessionPolicy),
            ("because noresource-based policy allows", DenialKind::ResourcePolicy),
            ("because no VPC endpoint policy allows", DenialKind::VpcEndpoint),
            ("on resource: x with an explicit deny", DenialKind::Explicit),
            ("Encoded authorization failure message: abc", DenialKind::Encoded),
            (r#"{"allowed":false,"explicitDeny":true}"#, DenialKind::Explicit),
            ("Access Denied", DenialKind::Unknown),
        ] {
            assert_eq!(find(text), kind, "{text}");
        }
    }
}
