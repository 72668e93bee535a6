//! Reads an AWS authorization error, as people paste it, into its fields.
//!
//! The text is first de-noised (`clean`: wraps, escapes, Markdown, Slack,
//! ANSI, comment markers), then each field is read by the module that owns
//! it. Nothing here knows the catalog: actions keep the text's spelling, and
//! a bare SDK operation is reported with a service hint for the engine to map.
//! Clean input is never copied: fields borrow from it.

mod action;
mod anchor;
mod arn;
mod ascii;
mod clean;
mod denial;
mod encoded;
mod landmark;
mod operation;
mod principal;
mod service;
mod short;
mod token;

use std::borrow::Cow;

use crate::kinds::{DenialKind, PrincipalKind};

/// How many bytes of a paste are read; longer input is cut and flagged [`Parsed::truncated`].
pub const MAX_INPUT: usize = clean::LIMIT;

/// What a pasted error message says, before the catalog is consulted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parsed<'a> {
    /// The caller's ARN (or name, such as `anonymous`), exactly as written.
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
    /// The blob of an `Encoded authorization failure message`, for STS to decode.
    pub encoded: Option<Cow<'a, str>>,
    /// The service the call went to, lowercase (`s3`, `secretsmanager`), read from
    /// the text: SDK service id, CLI command, endpoint host, error class, or the
    /// prefix of a denied action.
    pub service: Option<Cow<'a, str>>,
    /// The input was longer than [`MAX_INPUT`] bytes and only its start was read.
    pub truncated: bool,
}

impl Parsed<'_> {
    /// Copies every borrowed field, detaching the value from the input text.
    pub fn into_owned(self) -> Parsed<'static> {
        let own = |c: Cow<'_, str>| Cow::Owned(c.into_owned());
        Parsed {
            principal: self.principal.map(own),
            principal_kind: self.principal_kind,
            account: self.account.map(own),
            actions: self.actions.into_iter().map(own).collect(),
            operation: self.operation.map(own),
            resource: self.resource.map(own),
            denial: self.denial,
            encoded: self.encoded.map(own),
            service: self.service.map(own),
            truncated: self.truncated,
        }
    }
}

/// Parses one message. Never fails: what cannot be read is left empty.
///
/// The fields borrow from `text`, unless it needed de-noising: then they are
/// copies, every one of them; [`parse_with`] copies only what its reader keeps.
pub fn parse(text: &str) -> Parsed<'_> {
    let (clean, truncated) = cleaned(text);
    let parsed = match clean {
        Cow::Borrowed(clean) => extract(clean),
        Cow::Owned(clean) => extract(&clean).into_owned(),
    };
    Parsed {
        truncated,
        ..parsed
    }
}

/// Parses one message like [`parse`] and hands the result to `read`, whose
/// fields may borrow from the de-noised copy of the text as well: the reader
/// copies what it keeps, and nothing else is copied.
pub fn parse_with<R>(text: &str, read: impl FnOnce(Parsed<'_>) -> R) -> R {
    let (clean, truncated) = cleaned(text);
    read(Parsed {
        truncated,
        ..extract(&clean)
    })
}

/// The de-noised text of a paste cut to [`MAX_INPUT`], and whether it was cut.
fn cleaned(text: &str) -> (Cow<'_, str>, bool) {
    let (text, truncated) = clean::truncate(text);
    (clean::clean(text), truncated)
}

/// Reads every field out of de-noised text.
///
/// Keywords are searched once ([`landmark`]), ignoring ASCII case.
fn extract(text: &str) -> Parsed<'_> {
    let marks = landmark::find(text);
    let denied = action::find(text, &marks);
    let call = operation::find(text, &marks);
    let principal = principal::find(text, &marks);
    let account = principal
        .as_ref()
        .and_then(|p| narrow(p, arn::account))
        .or_else(|| {
            denied
                .resource
                .as_ref()
                .and_then(|r| narrow(r, arn::account))
        });
    let service = service::find(text, &call, &denied.actions);
    Parsed {
        principal_kind: principal
            .as_deref()
            .map_or(PrincipalKind::Unknown, arn::principal_kind),
        principal,
        account,
        operation: call.operation.or(denied.api_operation).map(Cow::Borrowed),
        service,
        actions: denied.actions,
        resource: denied.resource,
        denial: denial::find(&marks),
        encoded: encoded::find(text, &marks).map(Cow::Borrowed),
        truncated: false,
    }
}

/// Applies a sub-slicing reader to a field, borrowing from the text where the field does.
fn narrow<'t>(field: &Cow<'t, str>, read: fn(&str) -> Option<&str>) -> Option<Cow<'t, str>> {
    match field {
        Cow::Borrowed(s) => read(s).map(Cow::Borrowed),
        Cow::Owned(s) => read(s).map(|r| Cow::Owned(r.to_owned())),
    }
}
