//! Keeps the deployment files honest against the data and the code:
//!
//! - `deploy/template.yaml`'s role denies `iam:AttachUserPolicy` for exactly
//!   the never-grant policies of `data/risk.toml`, by the ARNs that
//!   `data/managed-policies.jsonl` gives them; allows it only for AWS managed
//!   policies and only on the students' IAM users; lets the function invoke
//!   only itself; and grants no wildcard action;
//! - the function's environment variables are exactly the ones the adapter
//!   reads;
//! - `deploy/slack-manifest.yaml` sends events and clicks to the template's
//!   two routes, with exactly the bot scopes the bot uses;
//! - `docs/slack-bot.md` mentions every environment variable and parameter
//!   of the template.
//!
//! There is no YAML parser here: both files are written in plain block
//! style (nested keys indented deeper than their parent, one `key: value`
//! or `- item` a line), so they are read line by line, by indentation.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;

/// What the adapter reads from its environment (the design's list).
const CONFIG_VARS: [&str; 11] = [
    "BOTJINSEONG_ACCOUNT_ID",
    "BOTJINSEONG_ADMINS",
    "BOTJINSEONG_REQUEST_CHANNEL",
    "BOTJINSEONG_WORKFLOW_BOT_ID",
    "BOTJINSEONG_USER_MAP",
    "BOTJINSEONG_RISK_THRESHOLD",
    "BOTJINSEONG_NEVER_GRANT",
    "SLACK_SIGNING_SECRET",
    "SLACK_BOT_TOKEN",
    "OPENAI_API_KEY",
    "BOTJINSEONG_ADVISOR_MODEL",
];

/// The Slack scopes the bot's calls and events need, and no more.
const BOT_SCOPES: [&str; 6] = [
    "chat:write",
    "reactions:write",
    "im:write",
    "channels:history",
    "groups:history",
    "app_mentions:read",
];

const BOT_EVENTS: [&str; 3] = ["message.channels", "message.groups", "app_mention"];

const EVENTS_ROUTE: &str = "/slack/events";
const INTERACTIONS_ROUTE: &str = "/slack/interactions";

/// The only IAM users the role may touch.
const STUDENT_USERS: &str =
    "!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:user${StudentUserPath}*";

/// A repository file's text.
fn read(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// One line of YAML that says something: its indentation and trimmed text.
#[derive(Debug)]
struct Line {
    indent: usize,
    text: String,
}

impl Line {
    /// The value on a `key: value` line (or `- key: value`), unquoted; empty
    /// when the value is nested below.
    fn value(&self, key: &str) -> Option<&str> {
        let text = self.text.strip_prefix("- ").unwrap_or(&self.text);
        let rest = text.strip_prefix(key)?.strip_prefix(':')?;
        (rest.is_empty() || rest.starts_with(' ')).then(|| unquote(rest.trim()))
    }

    /// The key of a `key: …` line.
    fn key(&self) -> &str {
        self.text.split_once(':').map_or(&self.text, |(key, _)| key)
    }
}

fn unquote(text: &str) -> &str {
    text.trim_matches(|c| c == '"' || c == '\'')
}

/// A YAML file's lines, without blank lines and comment lines.
fn yaml(path: &str) -> Vec<Line> {
    read(path)
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|l| Line {
            indent: l.len() - l.trim_start().len(),
            text: l.trim().to_owned(),
        })
        .collect()
}

/// The lines nested under `lines[at]`.
fn under(lines: &[Line], at: usize) -> &[Line] {
    let rest = &lines[at + 1..];
    let end = rest
        .iter()
        .position(|l| l.indent <= lines[at].indent)
        .unwrap_or(rest.len());
    &rest[..end]
}

/// Where the first `key:` line is.
fn find(lines: &[Line], key: &str) -> usize {
    lines
        .iter()
        .position(|l| l.value(key).is_some())
        .unwrap_or_else(|| panic!("no `{key}:` in {lines:#?}"))
}

/// The lines nested under the first `key:`.
fn section<'a>(lines: &'a [Line], key: &str) -> &'a [Line] {
    under(lines, find(lines, key))
}

/// The value of the first `key:`.
fn value<'a>(lines: &'a [Line], key: &str) -> &'a str {
    lines[find(lines, key)].value(key).unwrap_or_default()
}

/// The lines of a block at its outermost indentation.
fn top(block: &[Line]) -> impl Iterator<Item = &Line> {
    let indent = block.first().map_or(0, |l| l.indent);
    block.iter().filter(move |l| l.indent == indent)
}

/// The list under the first `key:`: inline (`key: a` or `key: [a, b]`) or
/// as `- item` lines below it.
fn list(lines: &[Line], key: &str) -> Vec<String> {
    let at = find(lines, key);
    let inline = lines[at].value(key).unwrap_or_default();
    if !inline.is_empty() {
        let inner = inline.trim_start_matches('[').trim_end_matches(']');
        return inner
            .split(',')
            .map(|s| unquote(s.trim()).to_owned())
            .collect();
    }
    top(under(lines, at))
        .filter_map(|l| l.text.strip_prefix("- "))
        .map(|item| unquote(item).to_owned())
        .collect()
}

/// One statement of the role's inline policy.
#[derive(Debug)]
struct Statement<'a> {
    sid: &'a str,
    effect: &'a str,
    actions: Vec<String>,
    body: &'a [Line],
}

/// Every statement, each started by its `- Sid:` line.
fn statements(template: &[Line]) -> Vec<Statement<'_>> {
    let all: Vec<_> = (0..template.len())
        .filter_map(|at| {
            let sid = template[at].text.strip_prefix("- ")?.strip_prefix("Sid:")?;
            let body = under(template, at);
            Some(Statement {
                sid: sid.trim(),
                effect: value(body, "Effect"),
                actions: list(body, "Action"),
                body,
            })
        })
        .collect();
    let effects = template.iter().filter(|l| l.value("Effect").is_some());
    assert_eq!(effects.count(), all.len(), "a statement without a Sid");
    all
}

/// The one statement with this effect that names this action.
fn statement<'a>(all: &'a [Statement<'a>], effect: &str, action: &str) -> &'a Statement<'a> {
    let found: Vec<_> = all
        .iter()
        .filter(|s| s.effect == effect && s.actions.iter().any(|a| a == action))
        .collect();
    assert_eq!(found.len(), 1, "{effect} {action}: {found:#?}");
    found[0]
}

/// An ARN as written in the template, in the `aws` partition.
fn in_aws_partition(arn: &str) -> String {
    let arn = arn.strip_prefix("!Sub ").unwrap_or(arn);
    arn.replace("${AWS::Partition}", "aws")
}

#[derive(Deserialize)]
struct RiskCatalog {
    never_grant: Vec<NeverGrant>,
}

#[derive(Deserialize)]
struct NeverGrant {
    name: String,
}

#[derive(Deserialize)]
struct ManagedPolicy {
    name: String,
    path: String,
    arn: String,
}

/// The never-grant policies' ARNs, from the risk catalog and the snapshot.
fn never_grant_arns() -> BTreeSet<String> {
    let catalog: RiskCatalog = toml::from_str(&read("data/risk.toml")).expect("data/risk.toml");
    let arns: BTreeMap<String, String> = read("data/managed-policies.jsonl")
        .lines()
        .map(|line| {
            let policy: ManagedPolicy = serde_json::from_str(line).expect("a policy line");
            let expected = format!("arn:aws:iam::aws:policy{}{}", policy.path, policy.name);
            assert_eq!(policy.arn, expected, "path and name of {}", policy.name);
            (policy.name, policy.arn)
        })
        .collect();
    assert!(!catalog.never_grant.is_empty());
    catalog
        .never_grant
        .iter()
        .map(|p| {
            arns.get(&p.name)
                .unwrap_or_else(|| panic!("{} is no managed policy", p.name))
        })
        .cloned()
        .collect()
}

/// The names of the function's environment variables.
fn environment(template: &[Line]) -> BTreeSet<String> {
    top(section(template, "Variables"))
        .map(|l| l.key().to_owned())
        .collect()
}

#[test]
fn never_grant_policies_are_denied_by_arn() {
    let template = yaml("deploy/template.yaml");
    let all = statements(&template);
    let deny = statement(&all, "Deny", "iam:AttachUserPolicy");
    assert_eq!(deny.actions, ["iam:AttachUserPolicy"], "{}", deny.sid);
    assert_eq!(value(deny.body, "Resource"), "*");
    let condition = section(deny.body, "Condition");
    assert_eq!(condition[0].text, "ArnEquals:");
    let denied: BTreeSet<_> = list(condition, "iam:PolicyARN")
        .iter()
        .map(|arn| in_aws_partition(arn))
        .collect();
    assert_eq!(denied, never_grant_arns());
}

#[test]
fn only_aws_managed_policies_are_attached_and_only_to_students() {
    let template = yaml("deploy/template.yaml");
    let all = statements(&template);
    let attach = statement(&all, "Allow", "iam:AttachUserPolicy");
    assert_eq!(attach.actions, ["iam:AttachUserPolicy"], "{}", attach.sid);
    assert_eq!(value(attach.body, "Resource"), STUDENT_USERS);
    let condition: Vec<_> = section(attach.body, "Condition")
        .iter()
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(
        condition,
        [
            "ArnLike:",
            "iam:PolicyARN: !Sub arn:${AWS::Partition}:iam::aws:policy/*"
        ]
    );
    for allow in all.iter().filter(|s| s.effect == "Allow") {
        if allow.actions.iter().any(|a| a.starts_with("iam:")) {
            assert_eq!(
                value(allow.body, "Resource"),
                STUDENT_USERS,
                "{}",
                allow.sid
            );
        }
    }
}

#[test]
fn no_statement_grants_a_wildcard_action() {
    let template = yaml("deploy/template.yaml");
    let all = statements(&template);
    assert!(all.len() >= 5, "{all:#?}");
    for s in all.iter().filter(|s| s.effect == "Allow") {
        assert!(!s.actions.is_empty(), "{}", s.sid);
        for action in &s.actions {
            assert!(!action.contains('*'), "{} allows {action}", s.sid);
        }
    }
    for key in ["NotAction", "NotResource"] {
        assert!(template.iter().all(|l| l.value(key).is_none()), "{key}");
    }
}

#[test]
fn the_function_may_invoke_only_itself() {
    let template = yaml("deploy/template.yaml");
    let all = statements(&template);
    let invoke = statement(&all, "Allow", "lambda:InvokeFunction");
    assert_eq!(invoke.actions, ["lambda:InvokeFunction"]);
    assert_eq!(
        value(invoke.body, "Resource"),
        "!Sub arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${FunctionName}"
    );
    let function = section(&template, "BotFunction");
    assert_eq!(value(function, "FunctionName"), "!Ref FunctionName");
}

#[test]
fn the_environment_is_what_the_adapter_reads() {
    let expected: BTreeSet<_> = CONFIG_VARS.iter().map(|v| v.to_string()).collect();
    assert_eq!(environment(&yaml("deploy/template.yaml")), expected);
}

#[test]
fn the_manifest_sends_events_and_clicks_to_the_template_routes() {
    let template = yaml("deploy/template.yaml");
    let events = section(&template, "Events");
    let paths: BTreeSet<_> = events.iter().filter_map(|l| l.value("Path")).collect();
    assert_eq!(paths, BTreeSet::from([EVENTS_ROUTE, INTERACTIONS_ROUTE]));
    let methods: Vec<_> = events.iter().filter_map(|l| l.value("Method")).collect();
    assert_eq!(methods, ["POST", "POST"]);
    let outputs = section(&template, "Outputs");
    for route in paths {
        assert!(
            outputs
                .iter()
                .any(|l| l.value("Value").is_some_and(|v| v.ends_with(route))),
            "no output URL for {route}"
        );
    }

    let manifest = yaml("deploy/slack-manifest.yaml");
    let subscriptions = section(&manifest, "event_subscriptions");
    assert!(value(subscriptions, "request_url").ends_with(EVENTS_ROUTE));
    let interactivity = section(&manifest, "interactivity");
    assert!(value(interactivity, "request_url").ends_with(INTERACTIONS_ROUTE));
    assert_eq!(value(interactivity, "is_enabled"), "true");
    assert_eq!(value(&manifest, "socket_mode_enabled"), "false");
    assert_eq!(value(&manifest, "org_deploy_enabled"), "false");
}

#[test]
fn the_manifest_asks_for_exactly_the_scopes_and_events_used() {
    let manifest = yaml("deploy/slack-manifest.yaml");
    let scopes: BTreeSet<_> = list(section(&manifest, "scopes"), "bot")
        .into_iter()
        .collect();
    assert_eq!(scopes, BOT_SCOPES.iter().map(|s| s.to_string()).collect());
    let events: BTreeSet<_> = list(&manifest, "bot_events").into_iter().collect();
    assert_eq!(events, BOT_EVENTS.iter().map(|e| e.to_string()).collect());
}

#[test]
fn the_guide_explains_every_variable_and_parameter() {
    let guide = read("docs/slack-bot.md");
    let template = yaml("deploy/template.yaml");
    let parameters = top(section(&template, "Parameters")).map(|l| l.key().to_owned());
    for name in environment(&template).into_iter().chain(parameters) {
        assert!(
            guide.contains(&name),
            "docs/slack-bot.md never mentions {name}"
        );
    }
}
