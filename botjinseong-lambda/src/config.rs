//! The adapter's configuration, read once at start-up from the environment
//! (the names are DESIGN.md's), so a bad value stops the bot before Slack
//! ever reaches it.

use std::collections::BTreeMap;
use std::fmt;

use crate::ids::SlackUserId;

/// The Slack Web API base used when `SLACK_API_BASE_URL` is not set.
pub const DEFAULT_SLACK_API_BASE_URL: &str = "https://slack.com/api";

/// A secret value: its `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// The secret itself, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// Everything the adapter is configured with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// `BOTJINSEONG_ACCOUNT_ID`: the only AWS account the bot grants in.
    pub account_id: String,
    /// `BOTJINSEONG_ADMINS`: whose approvals count (sorted, no repeats).
    pub admins: Vec<SlackUserId>,
    /// `BOTJINSEONG_REQUEST_CHANNEL`: the channel whose messages are requests.
    pub request_channel: String,
    /// `BOTJINSEONG_WORKFLOW_BOT_ID`: the request workflow's bot id, whose
    /// messages name the submitter with a mention.
    pub workflow_bot_id: Option<String>,
    /// `BOTJINSEONG_USER_MAP`: IAM user name → the Slack user it belongs to,
    /// for IAM users without a `slack-user-id` tag.
    pub user_map: BTreeMap<String, SlackUserId>,
    /// `SLACK_SIGNING_SECRET`.
    pub signing_secret: Secret,
    /// `SLACK_BOT_TOKEN` (`xoxb-…`).
    pub bot_token: Secret,
    /// `SLACK_API_BASE_URL`, without a trailing `/`.
    pub slack_api_base_url: String,
    /// The engine's rules (`BOTJINSEONG_RISK_THRESHOLD`,
    /// `BOTJINSEONG_NEVER_GRANT`).
    pub engine: botjinseong_core::Config,
}

/// Why the configuration was refused: the variable, and what is wrong with
/// it. Secret values are never quoted.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// A required variable is unset or blank.
    #[error("{0} is required")]
    Missing(&'static str),
    /// A variable is set to something unusable.
    #[error("{var} {why}")]
    Invalid {
        /// The variable's name.
        var: &'static str,
        /// What is wrong, as the rest of the sentence.
        why: String,
    },
    /// The engine refused its part.
    #[error(transparent)]
    Engine(#[from] botjinseong_core::decide::ConfigError),
}

impl Config {
    /// Reads the configuration through `lookup` (usually
    /// `|name| std::env::var(name).ok()`).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |var: &'static str| {
            lookup(var)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let require = |var: &'static str| get(var).ok_or(ConfigError::Missing(var));

        let account_id = require("BOTJINSEONG_ACCOUNT_ID")?;
        if account_id.len() != 12 || !account_id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid(
                "BOTJINSEONG_ACCOUNT_ID",
                format!("must be 12 digits, not {account_id:?}"),
            ));
        }

        let admins = parse_admins(&require("BOTJINSEONG_ADMINS")?)?;

        let request_channel = require("BOTJINSEONG_REQUEST_CHANNEL")?;
        if !slack_id_shaped(&request_channel, b"CG") {
            return Err(invalid(
                "BOTJINSEONG_REQUEST_CHANNEL",
                format!("must be a channel id (C… or G…), not {request_channel:?}"),
            ));
        }

        let workflow_bot_id = get("BOTJINSEONG_WORKFLOW_BOT_ID");
        if let Some(id) = &workflow_bot_id
            && !slack_id_shaped(id, b"B")
        {
            return Err(invalid(
                "BOTJINSEONG_WORKFLOW_BOT_ID",
                format!("must be a bot id (B…), not {id:?}"),
            ));
        }

        let user_map = match get("BOTJINSEONG_USER_MAP") {
            Some(text) => parse_user_map(&text)?,
            None => BTreeMap::new(),
        };

        let signing_secret = Secret(require("SLACK_SIGNING_SECRET")?);
        let bot_token = require("SLACK_BOT_TOKEN")?;
        if !bot_token.starts_with("xoxb-") {
            return Err(invalid(
                "SLACK_BOT_TOKEN",
                "must be a bot token (xoxb-…)".to_owned(),
            ));
        }

        let slack_api_base_url = get("SLACK_API_BASE_URL")
            .unwrap_or_else(|| DEFAULT_SLACK_API_BASE_URL.to_owned())
            .trim_end_matches('/')
            .to_owned();
        if !(slack_api_base_url.starts_with("https://")
            || slack_api_base_url.starts_with("http://"))
            || slack_api_base_url.contains(char::is_whitespace)
        {
            return Err(invalid(
                "SLACK_API_BASE_URL",
                format!("must be an http(s) URL, not {slack_api_base_url:?}"),
            ));
        }

        let engine = botjinseong_core::Config::from_lookup(&lookup)?;

        Ok(Self {
            account_id,
            admins,
            request_channel,
            workflow_bot_id,
            user_map,
            signing_secret,
            bot_token: Secret(bot_token),
            slack_api_base_url,
            engine,
        })
    }

    /// Whether `user` is a configured admin.
    pub fn is_admin(&self, user: &SlackUserId) -> bool {
        self.admins.contains(user)
    }
}

fn invalid(var: &'static str, why: String) -> ConfigError {
    ConfigError::Invalid { var, why }
}

/// A Slack object id: one of `first` letters, then upper-case letters and
/// digits.
fn slack_id_shaped(text: &str, first: &[u8]) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 2
        && bytes.len() <= 32
        && first.contains(&bytes[0])
        && bytes[1..]
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

fn parse_admins(text: &str) -> Result<Vec<SlackUserId>, ConfigError> {
    const VAR: &str = "BOTJINSEONG_ADMINS";
    let mut admins = text
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            SlackUserId::parse(s).ok_or_else(|| {
                invalid(
                    VAR,
                    format!("has {s:?}, which is not a Slack user id (U… or W…)"),
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    if admins.is_empty() {
        return Err(invalid(VAR, "names no Slack user id".to_owned()));
    }
    admins.sort();
    admins.dedup();
    Ok(admins)
}

fn parse_user_map(text: &str) -> Result<BTreeMap<String, SlackUserId>, ConfigError> {
    const VAR: &str = "BOTJINSEONG_USER_MAP";
    let mut map = BTreeMap::new();
    for entry in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let (slack, iam) = entry
            .split_once('=')
            .ok_or_else(|| invalid(VAR, format!("has {entry:?}, not slackId=iamUser")))?;
        let (slack, iam) = (slack.trim(), iam.trim());
        let slack = SlackUserId::parse(slack).ok_or_else(|| {
            invalid(
                VAR,
                format!("has {slack:?}, which is not a Slack user id (U… or W…)"),
            )
        })?;
        if !iam_user_name(iam) {
            return Err(invalid(
                VAR,
                format!("has {iam:?}, which is not an IAM user name"),
            ));
        }
        // An IAM user belongs to one person: two owners would let either
        // receive grants on it.
        if let Some(owner) = map.insert(iam.to_owned(), slack.clone())
            && owner != slack
        {
            return Err(invalid(
                VAR,
                format!("maps IAM user {iam:?} to both {owner} and {slack}"),
            ));
        }
    }
    Ok(map)
}

/// IAM's user name rule: 1 to 64 of letters, digits and `+=,.@_-` (no `,`
/// here, which separates entries).
fn iam_user_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+=.@_-".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIGNING: &str = "s3cr3t-signing-value";
    const TOKEN: &str = "xoxb-1-secret-token";

    fn base() -> Vec<(&'static str, &'static str)> {
        vec![
            ("BOTJINSEONG_ACCOUNT_ID", "123456789012"),
            ("BOTJINSEONG_ADMINS", "U0ADMIN1, W0ADMIN2"),
            ("BOTJINSEONG_REQUEST_CHANNEL", "C0REQUESTS"),
            ("SLACK_SIGNING_SECRET", SIGNING),
            ("SLACK_BOT_TOKEN", TOKEN),
        ]
    }

    fn load(vars: &[(&'static str, &'static str)]) -> Result<Config, ConfigError> {
        Config::from_lookup(|name| {
            vars.iter()
                .rev()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    fn with(var: &'static str, value: &'static str) -> Result<Config, ConfigError> {
        let mut vars = base();
        vars.push((var, value));
        load(&vars)
    }

    fn without(var: &str) -> Result<Config, ConfigError> {
        let vars: Vec<_> = base().into_iter().filter(|(k, _)| *k != var).collect();
        load(&vars)
    }

    fn invalid_var(result: Result<Config, ConfigError>) -> &'static str {
        match result {
            Err(ConfigError::Invalid { var, .. }) => var,
            other => panic!("expected an invalid value, got {other:?}"),
        }
    }

    #[test]
    fn reads_the_minimal_configuration_with_defaults() {
        let config = load(&base()).unwrap();
        assert_eq!(config.account_id, "123456789012");
        assert_eq!(
            config.admins,
            [
                SlackUserId::parse("U0ADMIN1").unwrap(),
                SlackUserId::parse("W0ADMIN2").unwrap()
            ]
        );
        assert_eq!(config.request_channel, "C0REQUESTS");
        assert_eq!(config.workflow_bot_id, None);
        assert!(config.user_map.is_empty());
        assert_eq!(config.signing_secret.expose(), SIGNING);
        assert_eq!(config.bot_token.expose(), TOKEN);
        assert_eq!(config.slack_api_base_url, DEFAULT_SLACK_API_BASE_URL);
        assert_eq!(config.engine, botjinseong_core::Config::default());
        assert!(config.is_admin(&SlackUserId::parse("W0ADMIN2").unwrap()));
        assert!(!config.is_admin(&SlackUserId::parse("U0OTHER").unwrap()));
    }

    #[test]
    fn reads_the_optional_values() {
        let mut vars = base();
        vars.extend([
            ("BOTJINSEONG_WORKFLOW_BOT_ID", "B0WORKFLOW"),
            (
                "BOTJINSEONG_USER_MAP",
                "U0ALICE=alice, U0ALICE=alice-admin,W0BOB=bob@example.com",
            ),
            ("SLACK_API_BASE_URL", "http://127.0.0.1:9999/api/"),
            ("BOTJINSEONG_RISK_THRESHOLD", "30"),
            ("BOTJINSEONG_NEVER_GRANT", "AmazonS3FullAccess"),
            ("BOTJINSEONG_ADMINS", "U0ADMIN1,,U0ADMIN1 ,"),
        ]);
        let config = load(&vars).unwrap();
        assert_eq!(config.workflow_bot_id.as_deref(), Some("B0WORKFLOW"));
        assert_eq!(config.user_map.len(), 3);
        assert_eq!(config.user_map["alice-admin"].as_str(), "U0ALICE");
        assert_eq!(config.user_map["bob@example.com"].as_str(), "W0BOB");
        assert_eq!(config.slack_api_base_url, "http://127.0.0.1:9999/api");
        assert_eq!(config.engine.threshold, 30);
        assert_eq!(config.engine.never_grant, ["AmazonS3FullAccess"]);
        assert_eq!(config.admins, [SlackUserId::parse("U0ADMIN1").unwrap()]);
    }

    #[test]
    fn names_each_missing_required_variable() {
        for var in [
            "BOTJINSEONG_ACCOUNT_ID",
            "BOTJINSEONG_ADMINS",
            "BOTJINSEONG_REQUEST_CHANNEL",
            "SLACK_SIGNING_SECRET",
            "SLACK_BOT_TOKEN",
        ] {
            let err = without(var).unwrap_err();
            assert_eq!(err, ConfigError::Missing(var));
            assert_eq!(err.to_string(), format!("{var} is required"));
        }
        // Blank counts as unset.
        assert_eq!(
            with("SLACK_SIGNING_SECRET", "  ").unwrap_err(),
            ConfigError::Missing("SLACK_SIGNING_SECRET")
        );
    }

    #[test]
    fn refuses_a_bad_account_id() {
        for bad in [
            "12345678901",
            "1234567890123",
            "12345678901a",
            "arn:aws:iam::123456789012",
        ] {
            assert_eq!(
                invalid_var(with("BOTJINSEONG_ACCOUNT_ID", bad)),
                "BOTJINSEONG_ACCOUNT_ID"
            );
        }
        let message = with("BOTJINSEONG_ACCOUNT_ID", "42")
            .unwrap_err()
            .to_string();
        assert_eq!(
            message,
            "BOTJINSEONG_ACCOUNT_ID must be 12 digits, not \"42\""
        );
    }

    #[test]
    fn refuses_admins_that_are_not_user_ids() {
        for bad in ["alice", "U0ADMIN1,@bob", "<@U0ADMIN1>", "C0CHANNEL", " , ,"] {
            assert_eq!(
                invalid_var(with("BOTJINSEONG_ADMINS", bad)),
                "BOTJINSEONG_ADMINS"
            );
        }
        let message = with("BOTJINSEONG_ADMINS", "U0OK,bob")
            .unwrap_err()
            .to_string();
        assert!(message.contains("\"bob\""), "{message}");
    }

    #[test]
    fn refuses_a_channel_that_is_not_a_channel_id() {
        for bad in ["#requests", "requests", "U0ADMIN1", "D0DIRECT"] {
            assert_eq!(
                invalid_var(with("BOTJINSEONG_REQUEST_CHANNEL", bad)),
                "BOTJINSEONG_REQUEST_CHANNEL"
            );
        }
        assert!(with("BOTJINSEONG_REQUEST_CHANNEL", "G0PRIVATE").is_ok());
    }

    #[test]
    fn refuses_a_workflow_bot_id_that_is_not_a_bot_id() {
        for bad in ["U0WORKFLOW", "workflow", "A0APPID"] {
            assert_eq!(
                invalid_var(with("BOTJINSEONG_WORKFLOW_BOT_ID", bad)),
                "BOTJINSEONG_WORKFLOW_BOT_ID"
            );
        }
    }

    #[test]
    fn refuses_a_bad_user_map() {
        for bad in [
            "U0ALICE",
            "alice=U0ALICE",
            "U0ALICE=",
            "U0ALICE=al ice",
            "U0ALICE=a/b",
            "U0ALICE=alice,U0BOB=alice",
        ] {
            assert_eq!(
                invalid_var(with("BOTJINSEONG_USER_MAP", bad)),
                "BOTJINSEONG_USER_MAP",
                "{bad}"
            );
        }
        let message = with("BOTJINSEONG_USER_MAP", "U0ALICE=alice,U0BOB=alice")
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("U0ALICE") && message.contains("U0BOB"),
            "{message}"
        );
    }

    #[test]
    fn refuses_a_token_that_is_not_a_bot_token_without_quoting_it() {
        let err = with("SLACK_BOT_TOKEN", "xoxp-user-token-value").unwrap_err();
        assert!(
            matches!(
                err,
                ConfigError::Invalid {
                    var: "SLACK_BOT_TOKEN",
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(!err.to_string().contains("user-token-value"), "{err}");
        assert!(!format!("{err:?}").contains("user-token-value"), "{err:?}");
    }

    #[test]
    fn refuses_a_base_url_that_is_not_http() {
        for bad in [
            "slack.com/api",
            "ftp://slack.com/api",
            "https://slack.com/ api",
        ] {
            assert_eq!(
                invalid_var(with("SLACK_API_BASE_URL", bad)),
                "SLACK_API_BASE_URL"
            );
        }
    }

    #[test]
    fn passes_on_the_engines_error() {
        assert!(matches!(
            with("BOTJINSEONG_RISK_THRESHOLD", "high").unwrap_err(),
            ConfigError::Engine(_)
        ));
    }

    #[test]
    fn debug_never_prints_the_secrets() {
        let printed = format!("{:?}", load(&base()).unwrap());
        assert!(!printed.contains(SIGNING), "{printed}");
        assert!(!printed.contains(TOKEN), "{printed}");
        assert!(printed.contains("<redacted>"), "{printed}");
    }
}
