//! `botjinseong policy` and `botjinseong action`: the catalog, looked up.

use std::fmt::Write as _;

use anyhow::{Result, bail};
use botjinseong::{AccessLevel, Engine, PolicyRecord};
use serde_json::{Map, Value, json};

/// One policy, by name or ARN.
pub fn policy(engine: &Engine, name: &str, json: bool) -> Result<String> {
    let Some(p) = engine.policy(name) else {
        bail!("no AWS managed policy is named {name:?}");
    };
    let never = engine.config().never_grants(botjinseong::catalog(), p);
    if json {
        let mut granted = Map::new();
        for level in AccessLevel::ALL {
            granted.insert(level.as_str().into(), p.granted.get(level).into());
        }
        let value = json!({
            "policy_name": p.name,
            "policy_arn": p.arn,
            "path": p.path,
            "version": p.version,
            "kind": p.kind,
            "risk": p.risk.risk,
            "reasons": p.risk.reasons,
            "granted_actions": granted,
            "recommendable": p.recommendable(),
            "excluded": p.excluded,
            "never_grant": never,
        });
        return Ok(format!("{}\n", serde_json::to_string_pretty(&value)?));
    }
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", p.name, p.arn);
    let _ = writeln!(out, "Risk:      {}/100", p.risk.risk);
    for reason in p.risk.reasons.iter() {
        let _ = writeln!(out, "           - {reason}");
    }
    let counts: Vec<String> = AccessLevel::ALL
        .iter()
        .map(|l| format!("{} {}", p.granted.get(*l), l))
        .collect();
    let _ = writeln!(out, "Grants:    {}", counts.join(", "));
    let _ = writeln!(out, "For:       {}", kind_words(p));
    if never {
        let _ = writeln!(out, "Never granted by the bot, not even on approval.");
    }
    Ok(out)
}

/// The policies that grant one action, ranked.
pub fn action(engine: &Engine, name: &str, json: bool) -> Result<String> {
    if !name.contains(':') {
        bail!("{name:?} is not an action: write it as prefix:Action, e.g. s3:GetObject");
    }
    let canonical = engine.action(name).map(|a| a.name.to_string());
    let resolution = engine.rank(name);
    let display = canonical.clone().unwrap_or_else(|| name.to_string());
    if json {
        let candidates: Vec<Value> = resolution
            .candidates
            .iter()
            .enumerate()
            .map(|(rank, c)| {
                json!({
                    "rank": rank + 1,
                    "policy_name": c.policy.name,
                    "policy_arn": c.policy.arn,
                    "risk": c.policy.risk.risk,
                    "fit": format!("{:?}", c.fit).to_ascii_lowercase(),
                    "own": c.own,
                    "read_only": c.policy.granted.read_only(),
                    "granted_actions": c.policy.granted.total(),
                    "why": c.why(resolution.wants_read),
                })
            })
            .collect();
        let value = json!({
            "action": display,
            "known": canonical.is_some(),
            "access_level": resolution.level.map(AccessLevel::as_str),
            "source": resolution.source,
            "candidates": candidates,
        });
        return Ok(format!("{}\n", serde_json::to_string_pretty(&value)?));
    }
    let mut out = String::new();
    let level = resolution
        .level
        .map_or("not in the snapshot", AccessLevel::as_str);
    let _ = writeln!(out, "{display} ({level})");
    if resolution.candidates.is_empty() {
        let _ = writeln!(out, "No AWS managed policy meant for people grants it.");
    }
    for (rank, c) in resolution.candidates.iter().enumerate() {
        let _ = writeln!(
            out,
            "{:>3}. {:<50} {}",
            rank + 1,
            c.policy.name,
            c.why(resolution.wants_read)
        );
    }
    Ok(out)
}

fn kind_words(p: &PolicyRecord) -> String {
    match (&p.excluded, p.kind) {
        (Some(why), _) => format!("not recommended to people: {why}"),
        (None, botjinseong::PolicyKind::ForPeople) => "people".into(),
        (None, botjinseong::PolicyKind::ServiceRole) => "service roles only".into(),
        (None, botjinseong::PolicyKind::AwsServiceRole) => "service-linked roles only".into(),
    }
}
