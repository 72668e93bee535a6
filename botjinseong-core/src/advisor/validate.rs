//! The trust boundary: what of a model's [`Answer`] the catalog confirms.
//!
//! Nothing the model says is taken on its word. An action is kept only when
//! it is well formed and AWS lists it, or its service is known and the model
//! flagged it as new. A policy is kept only when it is an AWS managed policy
//! of the catalog, meant for people, off the never-grant list, and its own
//! document — read by the catalog's evaluator — grants the action. Its risk
//! is the catalog's. Every drop is recorded in plain words.

use std::cmp::Ordering;

use super::Answer;
use crate::catalog::{Catalog, PolicyKind, PolicyRecord};
use crate::evaluate::{Access, Request, evaluate};

/// The most actions, and the most policies, read from one answer; the rest
/// are dropped.
pub const MAX_ITEMS: usize = 20;

/// The longest model reason kept, in characters.
const MAX_REASON: usize = 200;

/// The longest piece of the model's text quoted in a drop reason.
const MAX_QUOTE: usize = 100;

/// The prefix of every AWS managed policy's ARN.
const MANAGED_ARN: &str = "arn:aws:iam::aws:policy/";

/// An action of the answer that passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptAction {
    /// `prefix:Action`: the catalog's spelling, or for an action the catalog
    /// lacks, the model's with the prefix lower-cased.
    pub action: String,
    /// Whether the catalog lists it; `false` for an action kept because the
    /// model flagged it as new in a known service.
    pub known: bool,
    /// The model's reason: untrusted words, shown as the model's.
    pub reason: String,
}

/// A (policy, action) pair of the answer that the catalog confirms.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptPolicy<'c> {
    /// The catalog's record of the policy: name, ARN, risk and its reasons.
    pub policy: &'c PolicyRecord,
    /// The action it grants, as in [`KeptAction::action`].
    pub action: String,
    /// How the policy's document grants it ([`Access::is_grant`] holds).
    pub access: Access,
    /// The model's reason: untrusted words, shown as the model's.
    pub reason: String,
}

impl KeptPolicy<'_> {
    /// The policy's cost risk, from the catalog.
    pub fn risk(&self) -> u8 {
        self.policy.risk.risk
    }
}

/// What is left of an answer once the catalog has checked it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Validated<'c> {
    /// The kept actions, in the answer's order, each once.
    pub actions: Vec<KeptAction>,
    /// The kept pairs, best first: the closest grant (unconditional before
    /// conditional), then the lowest catalog risk, then the fewest granted
    /// actions, then by name.
    pub policies: Vec<KeptPolicy<'c>>,
    /// Why each dropped part was dropped, in plain words.
    pub reasons: Vec<String>,
}

/// Checks `answer` against `catalog`. Grants are checked on `resource` when
/// it is an ARN, else on every resource.
pub fn validate<'c>(
    catalog: &'c Catalog,
    answer: &Answer,
    resource: Option<&str>,
) -> Validated<'c> {
    let resource = resource.filter(|r| r.starts_with("arn:"));
    let mut out = Validated::default();
    for answered in answer.actions.iter().take(MAX_ITEMS) {
        match check_action(catalog, &answered.action, answered.new) {
            Ok(kept) => {
                if !out.actions.iter().any(|a| a.action == kept.action) {
                    out.actions.push(KeptAction {
                        reason: tidy(&answered.reason),
                        ..kept
                    });
                }
            }
            Err(why) => out
                .reasons
                .push(format!("dropped action {}: {why}", quote(&answered.action))),
        }
    }
    if let Some(extra) = answer
        .actions
        .len()
        .checked_sub(MAX_ITEMS)
        .filter(|n| *n > 0)
    {
        out.reasons.push(format!(
            "dropped {extra} more action(s): an answer may name at most {MAX_ITEMS}"
        ));
    }
    for answered in answer.policies.iter().take(MAX_ITEMS) {
        let action = out
            .actions
            .iter()
            .find(|a| a.action.eq_ignore_ascii_case(answered.action.trim()))
            .map(|a| a.action.clone());
        let checked = match action {
            Some(action) => check_policy(catalog, &answered.policy_arn, &action, resource)
                .map(|(policy, access)| (policy, access, action)),
            None => Err(format!(
                "it is for {}, which is not among the actions kept",
                quote(&answered.action)
            )),
        };
        match checked {
            Ok((policy, access, action)) => {
                let seen = out
                    .policies
                    .iter()
                    .any(|k| std::ptr::eq(k.policy, policy) && k.action == action);
                if !seen {
                    out.policies.push(KeptPolicy {
                        policy,
                        action,
                        access,
                        reason: tidy(&answered.reason),
                    });
                }
            }
            Err(why) => out.reasons.push(format!(
                "dropped policy {}: {why}",
                quote(&answered.policy_arn)
            )),
        }
    }
    if let Some(extra) = answer
        .policies
        .len()
        .checked_sub(MAX_ITEMS)
        .filter(|n| *n > 0)
    {
        out.reasons.push(format!(
            "dropped {extra} more policy suggestion(s): an answer may name at most {MAX_ITEMS}"
        ));
    }
    out.policies.sort_by(best_first);
    out
}

/// Keeps an action the catalog lists (in its spelling), or one it lacks in
/// a known service when the model flagged it as new.
fn check_action(catalog: &Catalog, action: &str, new: bool) -> Result<KeptAction, String> {
    let action = action.trim();
    let (prefix, name) = well_formed(action)
        .ok_or_else(|| "it is not of the form prefix:Action (letters, digits, '-')".to_string())?;
    if let Some(record) = catalog.action(action) {
        return Ok(KeptAction {
            action: record.name.to_string(),
            known: true,
            reason: String::new(),
        });
    }
    if !catalog.knows_service(prefix) {
        return Err(format!("no AWS service has the prefix {}", quote(prefix)));
    }
    if !new {
        return Err(format!(
            "AWS lists no such {} action, and the model did not flag it as new",
            prefix.to_ascii_lowercase()
        ));
    }
    Ok(KeptAction {
        action: format!("{}:{name}", prefix.to_ascii_lowercase()),
        known: false,
        reason: String::new(),
    })
}

/// Splits `prefix:Action` when both parts are plain: a prefix of letters,
/// digits and `-`; a name that starts with a letter, then letters, digits,
/// `-` or `_`. No wildcards, no spaces.
fn well_formed(action: &str) -> Option<(&str, &str)> {
    let (prefix, name) = action.split_once(':')?;
    let prefix_ok = !prefix.is_empty()
        && prefix.len() <= 64
        && prefix
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let name_ok = name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && name.len() <= 100
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    (prefix_ok && name_ok).then_some((prefix, name))
}

/// Finds the policy and confirms, with its own document, that it grants
/// `action` (on `resource`, when given).
fn check_policy<'c>(
    catalog: &'c Catalog,
    arn: &str,
    action: &str,
    resource: Option<&str>,
) -> Result<(&'c PolicyRecord, Access), String> {
    let arn = arn.trim();
    if !arn.starts_with(MANAGED_ARN) {
        return Err(match customer_account(arn) {
            Some(account) => format!(
                "it is a customer-managed policy of account {account}, not an AWS managed policy"
            ),
            None => "it is not the ARN of an AWS managed policy (arn:aws:iam::aws:policy/…)".into(),
        });
    }
    let Some(policy) = catalog.policy(arn) else {
        let hint = arn
            .rsplit('/')
            .next()
            .and_then(|name| catalog.policy(name))
            .map(|p| format!(" (AWS's policy of that name is {})", p.arn))
            .unwrap_or_default();
        return Err(format!("no AWS managed policy has this ARN{hint}"));
    };
    if catalog.never_grant.contains(&policy.name) {
        return Err(format!(
            "{} is on the never-grant list: the bot never attaches it, not even on approval",
            policy.name
        ));
    }
    match (policy.kind, &policy.excluded) {
        (PolicyKind::ServiceRole | PolicyKind::AwsServiceRole, _) => {
            return Err(format!(
                "{} is a service-role policy, written for roles AWS services assume, never for people",
                policy.name
            ));
        }
        (PolicyKind::ForPeople, Some(why)) => {
            return Err(format!(
                "{} is never recommended to people: {why}",
                policy.name
            ));
        }
        (PolicyKind::ForPeople, None) => {}
    }
    let request = Request {
        action,
        resource,
        ..Request::default()
    };
    let on = resource.map(|r| format!(" on {r}")).unwrap_or_default();
    match evaluate(&policy.document, &request).access {
        access if access.is_grant() => Ok((policy, access)),
        Access::Denied => Err(format!("{} explicitly denies {action}{on}", policy.name)),
        _ => Err(format!("{} does not grant {action}{on}", policy.name)),
    }
}

/// The account of a customer-managed policy ARN, `arn:aws:iam::ACCOUNT:policy/…`.
fn customer_account(arn: &str) -> Option<&str> {
    let rest = arn.strip_prefix("arn:")?;
    let mut parts = rest.splitn(5, ':');
    let (_partition, service, _region, account, resource) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    (service == "iam"
        && resource.starts_with("policy/")
        && account.len() == 12
        && account.bytes().all(|b| b.is_ascii_digit()))
    .then_some(account)
}

/// Best first; see [`Validated::policies`].
fn best_first(a: &KeptPolicy<'_>, b: &KeptPolicy<'_>) -> Ordering {
    a.access
        .cmp(&b.access)
        .then_with(|| a.risk().cmp(&b.risk()))
        .then_with(|| a.policy.granted.total().cmp(&b.policy.granted.total()))
        .then_with(|| a.policy.name.cmp(&b.policy.name))
        .then_with(|| a.action.cmp(&b.action))
}

/// The model's text made safe to show: control characters become spaces,
/// cut to [`MAX_REASON`] characters.
fn tidy(text: &str) -> String {
    cut(text.trim(), MAX_REASON)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The model's text quoted in a reason, escaped and cut to [`MAX_QUOTE`]
/// characters.
fn quote(text: &str) -> String {
    let short = cut(text, MAX_QUOTE);
    if short.len() < text.len() {
        format!("{:?}…", short)
    } else {
        format!("{short:?}")
    }
}

/// The first `max` characters of `text`.
fn cut(text: &str, max: usize) -> &str {
    text.char_indices()
        .nth(max)
        .map_or(text, |(at, _)| &text[..at])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_shapes() {
        assert_eq!(well_formed("s3:GetObject"), Some(("s3", "GetObject")));
        assert_eq!(
            well_formed("vpc-lattice:AssociateViaAWSService-EventsAndStates"),
            Some(("vpc-lattice", "AssociateViaAWSService-EventsAndStates"))
        );
        for bad in [
            "s3:*",
            "s3:Get*",
            "*:*",
            "s3",
            ":GetObject",
            "s3:",
            "s3:Get Object",
            "s3:1Get",
            "a:b:c",
        ] {
            assert_eq!(well_formed(bad), None, "{bad}");
        }
    }

    #[test]
    fn customer_policies_are_recognised() {
        assert_eq!(
            customer_account("arn:aws:iam::123456789012:policy/x"),
            Some("123456789012")
        );
        assert_eq!(customer_account("arn:aws:iam::aws:policy/x"), None);
        assert_eq!(customer_account("arn:aws:iam::123456789012:role/x"), None);
        assert_eq!(customer_account("AmazonS3FullAccess"), None);
    }

    #[test]
    fn model_text_is_tidied_and_quoted() {
        assert_eq!(tidy(" a\nb\u{1b}[31m "), "a b [31m");
        assert_eq!(tidy(&"é".repeat(300)).chars().count(), MAX_REASON);
        assert_eq!(quote("s3:\"x\""), r#""s3:\"x\"""#);
        let long = quote(&"x".repeat(500));
        assert!(long.ends_with('…') && long.chars().count() == MAX_QUOTE + 3);
    }
}
