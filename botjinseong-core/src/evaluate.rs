//! Does a policy document grant an action on a resource? The evaluator
//! every later step relies on.
//!
//! It follows IAM's rules for one document: an explicit `Deny` wins over any
//! `Allow`; `Action`/`NotAction` match case-insensitively with wildcards;
//! `Resource`/`NotResource` match ARNs segment by segment, policy variables
//! bound from the request. Conditions are not evaluated: a statement with a
//! `Condition` makes a grant (or a deny) conditional, never unconditional.

use crate::policy::{Effect, PolicyDocument, Selector, Statement};
use crate::wildcard;

/// Values for policy variables such as `${aws:username}`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Variables<'a> {
    /// `${aws:username}`: the IAM user's name.
    pub username: Option<&'a str>,
    /// `${aws:PrincipalAccount}` (and the account in ARNs).
    pub account: Option<&'a str>,
}

/// The question: may this action be done on this resource?
#[derive(Debug, Clone, Copy, Default)]
pub struct Request<'a> {
    /// `prefix:Action`, any case.
    pub action: &'a str,
    /// The resource's ARN; `None` when the message names none (the answer
    /// is then about every resource).
    pub resource: Option<&'a str>,
    /// Values for policy variables.
    pub variables: Variables<'a>,
}

/// What one document says of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Access {
    /// Granted without conditions: on the resource asked, or with no resource
    /// given, on every resource.
    Granted,
    /// No resource was given, and the grant covers only some resources.
    Restricted,
    /// Granted only when a statement's conditions hold.
    Conditional,
    /// Not granted: no statement allows it.
    NotGranted,
    /// An unconditional `Deny` statement covers it.
    Denied,
}

impl Access {
    /// Whether the document grants the request in some form.
    pub fn is_grant(self) -> bool {
        matches!(self, Self::Granted | Self::Restricted | Self::Conditional)
    }
}

/// The answer, and the statement that decided it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evaluation {
    /// The outcome.
    pub access: Access,
    /// Index of the deciding statement (`None` when nothing matched).
    pub statement: Option<usize>,
}

/// How a statement's resources relate to the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// Covers the requested resource (or, with none given, every resource).
    All,
    /// With no resource given: covers some resources only.
    Some,
    /// Does not cover the requested resource.
    None,
}

/// Evaluates one document against one request.
pub fn evaluate(doc: &PolicyDocument, request: &Request<'_>) -> Evaluation {
    judge(
        doc.statements
            .iter()
            .enumerate()
            .filter(|(_, s)| covers_action(&s.actions, request.action)),
        request,
    )
}

/// Evaluates one request against only the statements of `doc` at
/// `covering`, those whose `Action`/`NotAction` covers the request's action
/// (see [`crate::Catalog::covering`]): the answer of [`evaluate`], without
/// matching actions again. Indices past the document are ignored.
pub fn evaluate_covering(
    doc: &PolicyDocument,
    covering: &[u16],
    request: &Request<'_>,
) -> Evaluation {
    judge(
        covering.iter().filter_map(|&at| {
            let at = usize::from(at);
            doc.statements.get(at).map(|s| (at, s))
        }),
        request,
    )
}

/// The answer of the statements covering the request's action, each with
/// its index in the document, in document order.
fn judge<'s>(
    covering: impl Iterator<Item = (usize, &'s Statement)>,
    request: &Request<'_>,
) -> Evaluation {
    let mut best = Evaluation {
        access: Access::NotGranted,
        statement: None,
    };
    let mut deny_partial = None;
    for (index, statement) in covering {
        let reach = reach(statement, request);
        if reach == Reach::None {
            continue;
        }
        match statement.effect {
            Effect::Deny if !statement.conditional && reach == Reach::All => {
                return Evaluation {
                    access: Access::Denied,
                    statement: Some(index),
                };
            }
            Effect::Deny => deny_partial = deny_partial.or(Some(index)),
            Effect::Allow => {
                let access = match (statement.conditional, reach) {
                    (true, _) => Access::Conditional,
                    (false, Reach::All) => Access::Granted,
                    (false, _) => Access::Restricted,
                };
                if access < best.access {
                    best = Evaluation {
                        access,
                        statement: Some(index),
                    };
                }
            }
        }
    }
    // A deny that holds only under conditions, or on some resources, leaves
    // an unconditional grant no longer unconditional.
    match (best.access, deny_partial) {
        (Access::Granted, Some(deny)) => Evaluation {
            access: if request.resource.is_none() {
                Access::Restricted
            } else {
                Access::Conditional
            },
            statement: Some(deny),
        },
        _ => best,
    }
}

/// Whether an `Action`/`NotAction` element covers an action.
pub fn covers_action(selector: &Selector, action: &str) -> bool {
    let any = |patterns: &[std::borrow::Cow<'static, str>]| {
        patterns.iter().any(|p| wildcard::matches(p, action, true))
    };
    match selector {
        Selector::Only(p) => any(p),
        Selector::Except(p) => !any(p),
    }
}

fn reach(statement: &Statement, request: &Request<'_>) -> Reach {
    match (&statement.resources, request.resource) {
        (Selector::Only(patterns), None) => {
            if patterns.iter().any(|p| p == "*") {
                Reach::All
            } else {
                Reach::Some
            }
        }
        (Selector::Except(_), None) => Reach::Some,
        (Selector::Only(patterns), Some(arn)) => {
            match patterns
                .iter()
                .map(|p| resource_matches(p, arn, &request.variables))
                .max()
            {
                Some(Match::Yes) => Reach::All,
                _ => Reach::None,
            }
        }
        (Selector::Except(patterns), Some(arn)) => {
            // An unbound variable might name this very resource: not covered.
            let excluded = patterns
                .iter()
                .any(|p| resource_matches(p, arn, &request.variables) != Match::No);
            if excluded { Reach::None } else { Reach::All }
        }
    }
}

/// Whether a resource pattern matches an ARN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Match {
    /// It does not.
    No,
    /// It names a policy variable the request has no value for.
    Unknown,
    /// It does.
    Yes,
}

/// Longest resource pattern, after variables are bound, checked without allocating.
const MAX_PATTERN: usize = 2048;

fn resource_matches(pattern: &str, arn: &str, vars: &Variables<'_>) -> Match {
    if pattern == "*" {
        return Match::Yes;
    }
    if !pattern.contains("${") {
        return bool_match(arn_matches(pattern, arn));
    }
    let mut buf = String::with_capacity(pattern.len().min(MAX_PATTERN));
    let mut rest = pattern;
    while let Some(open) = rest.find("${") {
        buf.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            return Match::No;
        };
        let name = &rest[open + 2..open + close];
        let value = match name.to_ascii_lowercase().as_str() {
            "aws:username" => vars.username,
            "aws:principalaccount" => vars.account,
            "*" => Some("*"),
            "?" => Some("?"),
            "$" => Some("$"),
            _ => None,
        };
        match value {
            Some(v) => buf.push_str(v),
            None => return Match::Unknown,
        }
        rest = &rest[open + close + 1..];
    }
    buf.push_str(rest);
    bool_match(arn_matches(&buf, arn))
}

fn bool_match(yes: bool) -> Match {
    if yes { Match::Yes } else { Match::No }
}

/// Matches an ARN pattern the way IAM's `ArnLike` does: the partition,
/// service, region and account segments each on their own (a wildcard never
/// spans a colon there), the resource part as a whole.
pub fn arn_matches(pattern: &str, arn: &str) -> bool {
    let (mut p, mut r) = (pattern, arn);
    for _ in 0..5 {
        match (split_colon(p), split_colon(r)) {
            (Some((ps, p_rest)), Some((rs, r_rest))) => {
                if !wildcard::matches(ps, rs, false) {
                    return false;
                }
                (p, r) = (p_rest, r_rest);
            }
            (None, None) => break,
            _ => return false,
        }
    }
    wildcard::matches(p, r, false)
}

/// The text before the first colon and the text after it.
fn split_colon(text: &str) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == b':')?;
    Some((&text[..at], &text[at + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(json: &str) -> PolicyDocument {
        PolicyDocument::from_json(json).unwrap()
    }

    fn ask(d: &PolicyDocument, action: &str, resource: Option<&str>) -> Access {
        evaluate(
            d,
            &Request {
                action,
                resource,
                variables: Variables {
                    username: Some("student01"),
                    account: Some("123456789012"),
                },
            },
        )
        .access
    }

    #[test]
    fn allow_deny_and_not_action() {
        let d = doc(r#"{"Statement":[
            {"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"},
            {"Effect":"Allow","Action":"iam:CreateServiceLinkedRole","Resource":"*"},
            {"Effect":"Deny","Action":"ec2:TerminateInstances","Resource":"*"}]}"#);
        assert_eq!(ask(&d, "ec2:RunInstances", None), Access::Granted);
        assert_eq!(ask(&d, "IAM:CreateUser", None), Access::NotGranted);
        assert_eq!(
            ask(&d, "iam:createservicelinkedrole", None),
            Access::Granted
        );
        assert_eq!(ask(&d, "ec2:TerminateInstances", None), Access::Denied);
    }

    #[test]
    fn the_deciding_statement_is_named() {
        let d = doc(r#"{"Statement":[
            {"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::b/*"},
            {"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#);
        let e = evaluate(
            &d,
            &Request {
                action: "s3:GetObject",
                ..Default::default()
            },
        );
        assert_eq!(
            e,
            Evaluation {
                access: Access::Granted,
                statement: Some(1)
            }
        );
    }

    #[test]
    fn resources_and_variables() {
        let d = doc(
            r#"{"Statement":[{"Effect":"Allow","Action":"iam:ChangePassword",
            "Resource":"arn:aws:iam::*:user/${aws:username}"}]}"#,
        );
        assert_eq!(ask(&d, "iam:ChangePassword", None), Access::Restricted);
        let own = Some("arn:aws:iam::123456789012:user/student01");
        let other = Some("arn:aws:iam::123456789012:user/student02");
        assert_eq!(ask(&d, "iam:ChangePassword", own), Access::Granted);
        assert_eq!(ask(&d, "iam:ChangePassword", other), Access::NotGranted);
        let unbound = evaluate(
            &d,
            &Request {
                action: "iam:ChangePassword",
                resource: own,
                variables: Variables::default(),
            },
        );
        assert_eq!(unbound.access, Access::NotGranted);
    }

    #[test]
    fn not_resource() {
        let d = doc(r#"{"Statement":[{"Effect":"Allow","Action":"s3:*",
            "NotResource":"arn:aws:s3:::secret/*"}]}"#);
        assert_eq!(
            ask(&d, "s3:GetObject", Some("arn:aws:s3:::open/k")),
            Access::Granted
        );
        assert_eq!(
            ask(&d, "s3:GetObject", Some("arn:aws:s3:::secret/k")),
            Access::NotGranted
        );
        assert_eq!(ask(&d, "s3:GetObject", None), Access::Restricted);
    }

    #[test]
    fn conditions_never_count_as_unconditional() {
        let d = doc(
            r#"{"Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*",
            "Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}}]}"#,
        );
        assert_eq!(ask(&d, "ec2:RunInstances", None), Access::Conditional);
        let d = doc(
            r#"{"Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"},
            {"Effect":"Deny","Action":"ec2:*","Resource":"*",
             "Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}]}"#,
        );
        assert_eq!(
            ask(
                &d,
                "ec2:RunInstances",
                Some("arn:aws:ec2:us-east-1:1:instance/i")
            ),
            Access::Conditional
        );
    }

    #[test]
    fn the_covering_statements_alone_give_the_documents_answer() {
        let d = doc(r#"{"Statement":[
            {"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::open/*"},
            {"Effect":"Allow","Action":"ec2:*","Resource":"*"},
            {"Effect":"Deny","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::open/keep"},
            {"Effect":"Allow","NotAction":"iam:*","Resource":"*",
             "Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#);
        let covering = |action| {
            (0u16..)
                .zip(d.statements.iter())
                .filter(|(_, s)| covers_action(&s.actions, action))
                .map(|(at, _)| at)
                .collect::<Vec<u16>>()
        };
        for action in [
            "s3:GetObject",
            "s3:DeleteObject",
            "ec2:RunInstances",
            "iam:PassRole",
        ] {
            for resource in [
                None,
                Some("arn:aws:s3:::open/keep"),
                Some("arn:aws:s3:::open/x"),
                Some("arn:aws:ec2:us-east-1:1:instance/i"),
            ] {
                let request = Request {
                    action,
                    resource,
                    ..Default::default()
                };
                assert_eq!(
                    evaluate_covering(&d, &covering(action), &request),
                    evaluate(&d, &request),
                    "{action} on {resource:?}"
                );
            }
        }
        let request = Request {
            action: "s3:GetObject",
            ..Default::default()
        };
        assert_eq!(
            evaluate_covering(&d, &[9], &request).access,
            Access::NotGranted
        );
    }

    #[test]
    fn arn_segments_do_not_run_into_each_other() {
        assert!(arn_matches(
            "arn:aws:s3:::bucket/*",
            "arn:aws:s3:::bucket/a/b:c"
        ));
        assert!(arn_matches(
            "arn:aws:iam::*:role/*",
            "arn:aws:iam::123456789012:role/x"
        ));
        assert!(!arn_matches(
            "arn:aws:iam::*:role/*",
            "arn:aws:iam::123456789012:user/x"
        ));
        assert!(!arn_matches("arn:aws:*", "arn:aws:s3:::bucket"));
        assert!(arn_matches("arn:*:s3:*:*:*", "arn:aws-cn:s3:::bucket"));
    }
}
