//! Denied actions and the resource they were denied on.
//!
//! Actions are read where a wording introduces them (`not authorized to
//! perform:`, CloudFormation's `API:`, the console's `allow the … action`,
//! a decoded message's `"action":`, the Marketplace list); only when none of
//! those names one is any bare `prefix:Action` token of the text taken.

use std::borrow::Cow;

use super::ascii::{spaced, spaces, starts_ci, str_starts_ci};
use super::clean::prefix;
use super::landmark::{Kind, Landmark};
use super::token::{collapse, looks_like_arn, read_action, read_token};

/// Prefixes of `x:Y` tokens that are not IAM actions.
const NOT_SERVICES: &[&str] = &["arn", "aws", "http", "https", "mailto", "file", "urn"];

/// What the text says was denied.
#[derive(Debug, Default)]
pub(crate) struct Denied<'t> {
    /// Distinct actions, case-insensitively, in order of appearance.
    pub actions: Vec<Cow<'t, str>>,
    /// The resource of the first statement that names one.
    pub resource: Option<Cow<'t, str>>,
    /// The operation of a CloudFormation `API: prefix:Operation`.
    pub api_operation: Option<&'t str>,
}

/// Reads every denied action of `text` and the first resource.
///
pub(crate) fn find<'t>(text: &'t str, marks: &[Landmark<'_>]) -> Denied<'t> {
    let mut denied = Denied::default();
    for mark in marks {
        let intro = mark.phrase;
        match mark.kind {
            Kind::Statement { performs: true, .. } => {
                if let Some(list) = marketplace_list(text, mark.end) {
                    for (action, _) in list {
                        push(&mut denied.actions, action);
                    }
                    continue;
                }
            }
            Kind::Introducer => {
                let api = str_starts_ci(intro, "api");
                let labelled = api || str_starts_ci(intro, "action");
                let glued = text[..mark.start].ends_with(|c: char| c.is_alphanumeric() || c == '-');
                if labelled && glued || api && !text[mark.start..].starts_with("API") {
                    continue;
                }
            }
            _ => continue,
        }
        let Some((action, end)) = read_action(text, mark.end) else {
            continue;
        };
        let (action, end) = rejoin_action(text, action, end);
        if str_starts_ci(intro, "api") && denied.api_operation.is_none() {
            let written = &text[mark.end..end];
            denied.api_operation = written.split_once(':').map(|(_, op)| op.trim_start());
        }
        push(&mut denied.actions, action);
        if denied.resource.is_none() {
            denied.resource = resource_after(text, end);
        }
    }
    if denied.actions.is_empty() {
        for colon in memchr::memchr_iter(b':', text.as_bytes()) {
            if let Some(action) = bare_action(text, colon) {
                push(&mut denied.actions, Cow::Borrowed(action));
            }
        }
    }
    let decoded = marks.iter().any(|m| str_starts_ci(m.phrase, "\"action\""));
    if denied.resource.is_none() && decoded {
        denied.resource = decoded_resource(text);
    }
    denied
}

/// The bare `prefix:Action` token around the colon at `colon`, if it is one.
///
/// The prefix is lowercase (`[a-z][a-z0-9-]+`), the name starts upper-case,
/// and the token is not glued to a longer word or ARN.
fn bare_action(text: &str, colon: usize) -> Option<&str> {
    let bytes = text.as_bytes();
    let prefix_len = bytes[..colon]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || **b == b'-')
        .count();
    let start = colon - prefix_len;
    let name = bytes[colon + 1..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let glued = start > 0 && {
        let b = bytes[start - 1];
        b.is_ascii_alphanumeric() || b":/.-_@".contains(&b)
    };
    let ok = (2..=41).contains(&prefix_len)
        && bytes[start].is_ascii_lowercase()
        && name >= 3
        && bytes[colon + 1].is_ascii_uppercase()
        && !glued
        && !NOT_SERVICES.contains(&&text[start..colon]);
    ok.then(|| &text[start..colon + 1 + name])
}

/// Adds `action` unless it is already there, case-insensitively.
fn push<'t>(actions: &mut Vec<Cow<'t, str>>, action: Cow<'t, str>) {
    if !actions.iter().any(|a| a.eq_ignore_ascii_case(&action)) {
        actions.push(action);
    }
}

/// The `(a:B, c:D)` list of `… the required AWS Marketplace actions (…)`.
fn marketplace_list(text: &str, at: usize) -> Option<Vec<(Cow<'_, str>, usize)>> {
    let rest = prefix(text.get(at..)?, 600);
    if !starts_ci(rest.as_bytes(), 0, b"the required") {
        return None;
    }
    let open = rest.find('(')?;
    let close = open + rest[open..].find(')')?;
    let mut list = Vec::new();
    let mut pos = at + open + 1;
    for item in rest[open + 1..close].split(',') {
        let lead = item.len() - item.trim_start().len();
        if let Some((action, end)) = read_action(text, pos + lead) {
            list.push((action, end));
        }
        pos += item.len() + 1;
    }
    (!list.is_empty()).then_some(list)
}

/// The resource of `on resource: …` right after an action ending at `end`.
fn resource_after<'t>(text: &'t str, end: usize) -> Option<Cow<'t, str>> {
    let window = prefix(text.get(end..)?, 64).as_bytes();
    let on = spaced(window, 0, b"on").and_then(|j| spaced(window, j, b"resource"))?;
    let on = spaces(window, on);
    let on = spaces(window, on + usize::from(window.get(on) == Some(&b':')));
    let start = end + on;
    let (s, e) = read_token(text, start)?;
    let token = &text[s..e];
    if token.eq_ignore_ascii_case("because") || token.eq_ignore_ascii_case("with") {
        return None;
    }
    Some(rejoin(text, token, e))
}

/// Joins to an ARN the piece a wrap pushed past a space, when that is clearly what happened:
/// the piece is all that stands between the ARN and the reason (`because …`), or ends the text.
fn rejoin<'t>(text: &'t str, token: &'t str, end: usize) -> Cow<'t, str> {
    if !looks_like_arn(token) {
        return Cow::Borrowed(token);
    }
    let rest = prefix(&text[end..], 300);
    let cut = rest.bytes().take_while(|b| b".,;:".contains(b)).count();
    let Some(after) = rest[cut..].strip_prefix(' ') else {
        return Cow::Borrowed(token);
    };
    let piece_len = memchr::memchr(b' ', after.as_bytes()).unwrap_or(after.len());
    let piece = &after[..piece_len];
    let next = after[piece_len..].trim_start();
    let ends_statement = ["because", "with an", "(service", "status code"]
        .iter()
        .any(|w| str_starts_ci(next, w));
    let soft_end = token.ends_with(['/', ':', '-', '_']);
    if piece.is_empty()
        || piece.contains(['(', '[', '{', '"'])
        || !(ends_statement || (soft_end && next.is_empty()))
    {
        return Cow::Borrowed(token);
    }
    let joined = format!("{token}{}{piece}", &rest[..cut]);
    match collapse(&joined) {
        Cow::Borrowed(_) => Cow::Owned(super::token::trim_punct(&joined).to_owned()),
        Cow::Owned(o) => Cow::Owned(o),
    }
}

/// Joins to an action the rest of its name a wrap pushed past a space (`iam:Pass Role on resource`).
fn rejoin_action<'t>(text: &'t str, action: Cow<'t, str>, end: usize) -> (Cow<'t, str>, usize) {
    let rest = &text[end..];
    let Some(after) = rest.strip_prefix(' ') else {
        return (action, end);
    };
    let piece = after.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let next = &after[piece..];
    let starts_upper = text
        .as_bytes()
        .get(end + 1)
        .is_some_and(u8::is_ascii_uppercase);
    let reason = [" on resource", " because", " with an"]
        .iter()
        .any(|w| starts_ci(next.as_bytes(), 0, w.as_bytes()));
    if piece == 0 || !starts_upper || !reason {
        return (action, end);
    }
    let joined = format!("{action}{}", &text[end + 1..end + 1 + piece]);
    (Cow::Owned(joined), end + 1 + piece)
}

/// The `"resource"` of a pasted decoded authorization message.
fn decoded_resource(text: &str) -> Option<Cow<'_, str>> {
    let at = text.find("\"resource\"")?;
    let value = text[at + 10..].trim_start().strip_prefix(':')?.trim_start();
    let value = value.strip_prefix('"')?;
    let end = value.find('"')?;
    let resource = value[..end].trim();
    (!resource.is_empty()).then_some(Cow::Borrowed(resource))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(text: &'static str) -> Denied<'static> {
        find(text, &super::super::landmark::find(text))
    }

    #[test]
    fn statements_give_actions_and_resource() {
        let d = both(
            "User: x is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k because no",
        );
        assert_eq!(d.actions, ["s3:GetObject"]);
        assert_eq!(d.resource.as_deref(), Some("arn:aws:s3:::b/k"));
    }

    #[test]
    fn marketplace_lists_give_every_action() {
        let d = both(
            "is not authorized to perform the required AWS Marketplace actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe) to enable",
        );
        assert_eq!(
            d.actions,
            [
                "aws-marketplace:ViewSubscriptions",
                "aws-marketplace:Subscribe"
            ]
        );
    }

    #[test]
    fn bare_actions_only_when_none_is_introduced() {
        let d = both("expected ec2:RunInstances to return an access denied error");
        assert_eq!(d.actions, ["ec2:RunInstances"]);
        let d =
            both("is not authorized to perform: ab:Xyz because no policy allows the ab:Xzy action");
        assert_eq!(d.actions, ["ab:Xyz"]);
    }
}
