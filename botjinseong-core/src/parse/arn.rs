//! What an ARN tells without a catalog: its account and, for a caller, its kind.

use crate::kinds::PrincipalKind;

/// The 12-digit account of an ARN (`arn:partition:service:region:account:…`), if written in full.
pub(crate) fn account(arn: &str) -> Option<&str> {
    if !super::token::looks_like_arn(arn) {
        return None;
    }
    let account = field(&arn[4..], 3)?; // fields counted after the `arn:` just read
    (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())).then_some(account)
}

/// The `n`th `:`-separated field of `s` (from 0), if `s` has that many.
fn field(s: &str, n: usize) -> Option<&str> {
    let rest = rest_after(s, n)?;
    let end = rest.bytes().position(|b| b == b':').unwrap_or(rest.len());
    Some(&rest[..end])
}

/// What follows the `n`th `:` of `s` (all of `s` for 0), if `s` has that many.
///
/// A byte loop: ARNs are short, and a `find` call per field costs more.
fn rest_after(s: &str, n: usize) -> Option<&str> {
    if n == 0 {
        return Some(s);
    }
    let mut seen = 0;
    for (i, b) in s.bytes().enumerate() {
        if b == b':' {
            seen += 1;
            if seen == n {
                return Some(&s[i + 1..]);
            }
        }
    }
    None
}

/// The kind of caller an ARN or service principal names.
pub(crate) fn principal_kind(principal: &str) -> PrincipalKind {
    if !super::token::looks_like_arn(principal) {
        let host = principal.trim_end_matches('.');
        return if host.ends_with(".amazonaws.com") || host.ends_with(".amazonaws.com.cn") {
            PrincipalKind::Service
        } else {
            PrincipalKind::Unknown
        };
    }
    // The colons are counted after the `arn:` just read, and from the service on.
    let from_service = rest_after(&principal[4..], 1).unwrap_or_default();
    let service = field(from_service, 0).unwrap_or_default();
    let resource = rest_after(from_service, 3).unwrap_or_default();
    let slash = resource.bytes().position(|b| b == b'/');
    let kind = slash.map_or(resource, |at| &resource[..at]);
    let iam = service.eq_ignore_ascii_case("iam");
    let sts = service.eq_ignore_ascii_case("sts");
    match kind {
        "user" if iam => PrincipalKind::User,
        "role" if iam => PrincipalKind::Role,
        "root" if iam => PrincipalKind::Root,
        "assumed-role" if sts => PrincipalKind::AssumedRole,
        "federated-user" if sts => PrincipalKind::FederatedUser,
        _ => PrincipalKind::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accounts_need_twelve_digits() {
        assert_eq!(
            account("arn:aws:iam::123456789012:user/x"),
            Some("123456789012")
        );
        assert_eq!(account("arn:aws-cn:s3:::bucket"), None);
        assert_eq!(account("arn:aws:iam::0123456789012:user/x"), None);
        assert_eq!(account("arn:aws:iam::3915824****:user/x"), None);
    }

    #[test]
    fn kinds_follow_the_arn() {
        for (arn, kind) in [
            ("arn:aws:iam::123456789012:user/a/b", PrincipalKind::User),
            (
                "arn:aws-us-gov:sts::123456789012:assumed-role/r/s",
                PrincipalKind::AssumedRole,
            ),
            ("arn:aws:iam::123456789012:role/r", PrincipalKind::Role),
            ("arn:aws:iam::123456789012:root", PrincipalKind::Root),
            (
                "arn:aws:sts::123456789012:federated-user/f",
                PrincipalKind::FederatedUser,
            ),
            ("lambda.amazonaws.com", PrincipalKind::Service),
            ("anonymous", PrincipalKind::Unknown),
        ] {
            assert_eq!(principal_kind(arn), kind, "{arn}");
        }
    }
}
