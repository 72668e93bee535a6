//! The checks before any grant, and the grant itself.
//!
//! A policy is attached only when every one of these holds, checked again
//! at the moment of attaching (an approval given hours ago checks anew):
//!
//! 1. the error names an IAM user (not a role, a session, root …) in the
//!    configured account;
//! 2. that user exists (`GetUser`) and is the one the error names;
//! 3. it belongs to the requester: its `slack-user-id` tag names them, or,
//!    where the user has no such tag, `BOTJINSEONG_USER_MAP` does;
//! 4. no policy is on the never-grant list, and each is an AWS managed
//!    policy the catalog knows;
//! 5. the user has room: the managed policies attached plus the new ones fit
//!    the per-user quota (IAM's default, 10; IAM enforces it too, but a
//!    half-done grant of several policies must be refused before it starts);
//! 6. something is left to attach: a policy already attached is reported,
//!    since the denial then has another cause.
//!
//! The checks only read; [`grant`] attaches only after all of them pass.

use botjinseong::Engine;
use botjinseong::PolicyRecord;

use crate::config::Config;
use crate::iam::{Iam, IamError, IamUser};
use crate::ids::SlackUserId;
use crate::interaction::RequestRef;

/// The tag that names an IAM user's owner by Slack user id.
pub const OWNER_TAG: &str = "slack-user-id";

/// IAM's default quota of managed policies attached to one user.
pub const MANAGED_POLICIES_PER_USER: usize = 10;

/// Why nothing is attached. Each is a sentence for the admin.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The error names no IAM user: a role, a session, root, a service, or
    /// nobody.
    #[error("the error names no IAM user{}", principal.as_ref().map(|p| format!(" ({p})")).unwrap_or_default())]
    NotAUser {
        /// The caller the error names, if any.
        principal: Option<String>,
    },
    /// The user is in another account than the one the bot grants in.
    #[error("the IAM user is in account {found}, not in {expected}")]
    OtherAccount {
        /// The user's account, as the error gives it.
        found: String,
        /// The configured account.
        expected: String,
    },
    /// The bot's role may not read the user: it is outside the users the
    /// deployment lets the bot grant to.
    #[error(
        "the bot may not read IAM user {user}: it is outside the users it may grant to ({detail})"
    )]
    OutOfReach {
        /// The IAM user.
        user: String,
        /// IAM's answer.
        detail: String,
    },
    /// IAM has no such user, or a different one under that name.
    #[error("IAM has no user {arn}")]
    NoSuchUser {
        /// The ARN the error names.
        arn: String,
    },
    /// The user does not belong to the requester.
    #[error("IAM user {user} belongs to {}, not to the requester <@{requester}>", owner.as_ref().map(|o| format!("<@{o}>")).unwrap_or_else(|| "nobody the bot knows of (no slack-user-id tag, not in BOTJINSEONG_USER_MAP)".to_owned()))]
    NotOwner {
        /// The IAM user.
        user: String,
        /// Its owner, when known.
        owner: Option<SlackUserId>,
        /// Who asked.
        requester: SlackUserId,
    },
    /// A policy is not an AWS managed policy the catalog knows.
    #[error("{arn} is not an AWS managed policy botjinseong knows")]
    UnknownPolicy {
        /// The ARN asked for.
        arn: String,
    },
    /// A policy is on the never-grant list.
    #[error("{name} is on the never-grant list: the bot never attaches it, not even on approval")]
    NeverGrant {
        /// The policy's name.
        name: String,
    },
    /// The user's managed-policy quota would be exceeded.
    #[error(
        "IAM user {user} already has {attached} managed policies attached; {adding} more would pass the quota of {quota}"
    )]
    QuotaFull {
        /// The IAM user.
        user: String,
        /// How many are attached.
        attached: usize,
        /// How many would be added.
        adding: usize,
        /// The quota.
        quota: usize,
    },
    /// Every policy is attached already, so the denial has another cause.
    #[error(
        "{} already attached to {user}, so something else denies the request (a deny, a boundary, or a condition the policy does not meet)",
        names.join(", ")
    )]
    AlreadyAttached {
        /// The IAM user.
        user: String,
        /// The policies' names.
        names: Vec<String>,
    },
}

/// Why a grant did not happen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GrantError {
    /// A check refused it.
    #[error(transparent)]
    Refused(#[from] Refusal),
    /// IAM could not be asked or refused a call.
    #[error(transparent)]
    Iam(#[from] IamError),
}

/// A grant that passed every check: who receives which policies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The IAM user.
    pub user: IamUser,
    /// The policies to attach, by ARN: those not attached yet.
    pub attach: Vec<String>,
    /// The policies asked for that are attached already.
    pub attached_already: Vec<String>,
}

/// An IAM user's ARN, read: account and name; `None` for any other ARN.
pub fn user_of(principal: &str) -> Option<(&str, &str)> {
    let mut parts = principal.splitn(6, ':');
    let (Some("arn"), Some(_partition), Some("iam"), Some(""), Some(account), Some(resource)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return None;
    };
    let path_and_name = resource.strip_prefix("user/")?;
    let name = path_and_name.rsplit('/').next()?;
    (!name.is_empty()).then_some((account, name))
}

/// The policies by ARN, each known to the catalog and grantable.
fn policies<'e>(engine: &'e Engine, arns: &[String]) -> Result<Vec<&'e PolicyRecord>, Refusal> {
    arns.iter()
        .map(|arn| {
            let policy = engine
                .policy(arn)
                .filter(|p| p.arn == *arn)
                .ok_or_else(|| Refusal::UnknownPolicy { arn: arn.clone() })?;
            if engine.config().never_grants(botjinseong::catalog(), policy) {
                return Err(Refusal::NeverGrant {
                    name: policy.name.to_string(),
                });
            }
            Ok(policy)
        })
        .collect()
}

/// Whether `user` belongs to `requester`; the owner IAM and the
/// configuration name, if any.
fn owner(iam: &dyn Iam, config: &Config, user: &str) -> Result<Option<SlackUserId>, IamError> {
    let tags = iam.user_tags(user)?;
    let tagged = tags
        .iter()
        .find(|(key, _)| key == OWNER_TAG)
        .map(|(_, value)| SlackUserId::parse(value.trim()));
    Ok(match tagged {
        // A tag that is there decides, even when it is not a user id.
        Some(owner) => owner,
        None => config.user_map.get(user).cloned(),
    })
}

/// Runs every check for attaching the request's policies to the IAM user
/// its principal names (the caller's ARN as the error gives it; empty when
/// the error names none) on its requester's behalf. Reads only.
pub fn check(
    engine: &Engine,
    config: &Config,
    iam: &dyn Iam,
    request: &RequestRef,
) -> Result<Plan, GrantError> {
    let (requester, policy_arns) = (&request.requester, &request.policies);
    let principal = Some(request.principal.as_str()).filter(|p| !p.is_empty());
    let not_a_user = || Refusal::NotAUser {
        principal: principal.map(str::to_owned),
    };
    let principal = principal.ok_or_else(not_a_user)?;
    let (account, name) = user_of(principal).ok_or_else(not_a_user)?;
    if account != config.account_id {
        return Err(Refusal::OtherAccount {
            found: account.to_owned(),
            expected: config.account_id.clone(),
        }
        .into());
    }
    let wanted = policies(engine, policy_arns)?;

    let user = iam
        .get_user(name)
        .map_err(|error| match error.is_access_denied() {
            true => GrantError::Refused(Refusal::OutOfReach {
                user: name.to_owned(),
                detail: error.detail,
            }),
            false => GrantError::Iam(error),
        })?
        .filter(|user| user.arn.eq_ignore_ascii_case(principal))
        .ok_or_else(|| Refusal::NoSuchUser {
            arn: principal.to_owned(),
        })?;
    let owner = owner(iam, config, &user.name)?;
    if owner.as_ref() != Some(requester) {
        return Err(Refusal::NotOwner {
            user: user.name,
            owner,
            requester: requester.clone(),
        }
        .into());
    }

    let attached = iam.attached_policies(&user.name)?;
    let (attached_already, attach): (Vec<_>, Vec<_>) = wanted
        .iter()
        .map(|policy| policy.arn.to_string())
        .partition(|arn| attached.contains(arn));
    if attach.is_empty() {
        return Err(Refusal::AlreadyAttached {
            user: user.name,
            names: wanted.iter().map(|p| p.name.to_string()).collect(),
        }
        .into());
    }
    if attached.len() + attach.len() > MANAGED_POLICIES_PER_USER {
        return Err(Refusal::QuotaFull {
            user: user.name,
            attached: attached.len(),
            adding: attach.len(),
            quota: MANAGED_POLICIES_PER_USER,
        }
        .into());
    }
    Ok(Plan {
        user,
        attach,
        attached_already,
    })
}

/// Checks, then attaches what the plan says. Attaching is idempotent in
/// IAM, so a retried grant never attaches twice. When one policy of several
/// fails, the ones this call attached before it are detached again, so a
/// grant is whole or not at all.
pub fn grant(
    engine: &Engine,
    config: &Config,
    iam: &dyn Iam,
    request: &RequestRef,
) -> Result<Plan, GrantError> {
    let plan = check(engine, config, iam, request)?;
    for (done, arn) in plan.attach.iter().enumerate() {
        if let Err(error) = iam.attach_policy(&plan.user.name, arn) {
            for undo in plan.attach[..done].iter().rev() {
                if let Err(undo_error) = iam.detach_policy(&plan.user.name, undo) {
                    tracing::error!(user = %plan.user.name, policy = %undo, error = %undo_error, "could not undo a partial grant");
                }
            }
            return Err(error.into());
        }
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// IAM as the deployed role sees a user outside its path: every call
    /// refused.
    struct Denied;

    impl Iam for Denied {
        fn get_user(&self, _: &str) -> Result<Option<IamUser>, IamError> {
            Err(IamError {
                operation: "GetUser",
                code: Some("AccessDenied".into()),
                detail: "AccessDenied: not authorized to perform: iam:GetUser".into(),
            })
        }
        fn user_tags(&self, _: &str) -> Result<Vec<(String, String)>, IamError> {
            unreachable!("no call after GetUser is refused")
        }
        fn attached_policies(&self, _: &str) -> Result<Vec<String>, IamError> {
            unreachable!("no call after GetUser is refused")
        }
        fn attach_policy(&self, _: &str, _: &str) -> Result<(), IamError> {
            unreachable!("no call after GetUser is refused")
        }
        fn detach_policy(&self, _: &str, _: &str) -> Result<(), IamError> {
            unreachable!("no call after GetUser is refused")
        }
    }

    #[test]
    fn a_user_the_role_may_not_read_is_a_refusal_the_admins_hear_of() {
        let config = Config::from_lookup(|name| {
            Some(match name {
                "BOTJINSEONG_ACCOUNT_ID" => "123456789012".into(),
                "BOTJINSEONG_ADMINS" => "U0ADMIN1".into(),
                "BOTJINSEONG_REQUEST_CHANNEL" => "C0REQUEST".into(),
                "SLACK_SIGNING_SECRET" => "secret".into(),
                "SLACK_BOT_TOKEN" => "xoxb-test".into(),
                _ => return None,
            })
        })
        .unwrap();
        let request = RequestRef {
            channel: "C0REQUEST".into(),
            ts: "1700000000.000100".into(),
            requester: SlackUserId::parse("U0ALICE").unwrap(),
            principal: "arn:aws:iam::123456789012:user/staff/root-ish".into(),
            policies: vec!["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess".to_owned()],
            dms: Vec::new(),
        };
        let result = grant(&Engine::aws(), &config, &Denied, &request);
        let Err(GrantError::Refused(Refusal::OutOfReach { user, .. })) = result else {
            panic!("{result:?}");
        };
        assert_eq!(user, "root-ish");
    }

    #[test]
    fn reads_iam_user_arns_only() {
        assert_eq!(
            user_of("arn:aws:iam::123456789012:user/alice"),
            Some(("123456789012", "alice"))
        );
        assert_eq!(
            user_of("arn:aws-cn:iam::123456789012:user/class/2026/bob"),
            Some(("123456789012", "bob"))
        );
        for not_a_user in [
            "arn:aws:iam::123456789012:role/alice",
            "arn:aws:sts::123456789012:assumed-role/r/alice",
            "arn:aws:iam::123456789012:root",
            "arn:aws:iam::123456789012:user/",
            "arn:aws:iam:us-east-1:123456789012:user/alice",
            "user/alice",
            "",
        ] {
            assert_eq!(user_of(not_a_user), None, "{not_a_user}");
        }
    }
}
