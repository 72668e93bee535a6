//! Matching catalog patterns against action names.

/// Whether an action matches a catalog pattern: IAM wildcards (`*` any run,
/// `?` one character), ASCII case ignored, as IAM compares action names.
pub(crate) fn matches(pattern: &str, action: &str) -> bool {
    crate::wildcard::matches(pattern, action, true)
}

/// Whether a pattern is well-formed for the catalog: `prefix:name` with a
/// literal prefix, so every pattern belongs to one service.
pub(crate) fn check(pattern: &str) -> Result<(), &'static str> {
    let (prefix, name) = pattern
        .split_once(':')
        .ok_or("a pattern is `prefix:Name`, with wildcards in the name")?;
    if prefix.is_empty() || prefix.contains(['*', '?']) {
        return Err("the service prefix of a pattern must be literal");
    }
    if name.is_empty() {
        return Err("the action part of a pattern is empty");
    }
    if !name.contains(['*', '?']) {
        return Err("a pattern without wildcards belongs in [[actions]]");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching_ignores_case() {
        assert!(matches("iam:Put*Policy", "IAM:PutUserPolicy"));
        assert!(matches("iam:Put*Policy", "iam:putrolepolicy"));
        assert!(!matches("iam:Put*Policy", "iam:PutRolePermissionsBoundary"));
        assert!(matches(
            "ec2:Purchase?eserved*",
            "ec2:PurchaseReservedInstancesOffering"
        ));
    }

    #[test]
    fn well_formed_patterns() {
        assert!(check("iam:Put*Policy").is_ok());
        assert!(check("*:Get*").is_err());
        assert!(check("iam").is_err());
        assert!(check("iam:").is_err());
        assert!(check("iam:PassRole").is_err());
    }
}
