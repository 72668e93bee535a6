//! Reads an AWS authorization error, as people paste it, into its fields.

use std::borrow::Cow;

use crate::kinds::{DenialKind, PrincipalKind};

/// What a pasted error message says, before the catalog is consulted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parsed<'a> {
    /// The caller's ARN, exactly as written.
    pub principal: Option<Cow<'a, str>>,
    /// The kind of the caller, from its ARN.
    pub principal_kind: PrincipalKind,
    /// The caller's 12-digit account, else the resource's.
    pub account: Option<Cow<'a, str>>,
    /// Denied actions as written (`prefix:Action`), in order of appearance, without repeats.
    pub actions: Vec<Cow<'a, str>>,
    /// The SDK operation the message names, if any.
    pub operation: Option<Cow<'a, str>>,
    /// The resource ARN or name the message names, whole.
    pub resource: Option<Cow<'a, str>>,
    /// Why the request was denied.
    pub denial: DenialKind,
}

/// Parses one message. Never fails: what cannot be read is left empty.
pub fn parse(text: &str) -> Parsed<'_> {
    const MARK: &str = "is not authorized to perform: ";
    let mut parsed = Parsed::default();
    let Some(at) = text.find(MARK) else {
        return parsed;
    };
    if let Some(principal) = text[..at].trim_end().rsplit(' ').next()
        && principal.starts_with("arn:")
    {
        parsed.principal = Some(Cow::Borrowed(principal));
        parsed.account = principal.split(':').nth(4).map(Cow::Borrowed);
        parsed.principal_kind = if principal.contains(":user/") {
            PrincipalKind::User
        } else {
            PrincipalKind::Unknown
        };
    }
    let rest = &text[at + MARK.len()..];
    if let Some(action) = rest.split_whitespace().next() {
        parsed.actions.push(Cow::Borrowed(action));
    }
    if let Some(r) = rest.find("on resource: ") {
        parsed.resource = rest[r + 13..].split_whitespace().next().map(Cow::Borrowed);
    }
    if rest.contains("because no identity-based policy allows") {
        parsed.denial = DenialKind::ImplicitIdentity;
    }
    parsed
}
