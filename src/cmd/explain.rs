//! `botjinseong explain`: one message, as prose or as the contract's JSON.

use std::fmt::Write as _;

use anyhow::{Result, bail};
use botjinseong::advisor::Advisor;
use botjinseong::{Analysis, Engine, PrincipalKind};
use botjinseong_core::decide::denial_words;

/// Explains `text`; an empty message is bad input.
pub fn run(
    engine: &Engine,
    advisor: Option<&dyn Advisor>,
    text: &str,
    json: bool,
) -> Result<String> {
    if text.trim().is_empty() {
        bail!("no message given: pass the error text as an argument or on standard input");
    }
    let analysis = engine.analyze_with(text, advisor);
    Ok(if json {
        format!("{}\n", serde_json::to_string_pretty(&analysis)?)
    } else {
        prose(&analysis)
    })
}

/// The analysis in words, one fact a line.
fn prose(a: &Analysis) -> String {
    let p = &a.parsed;
    let mut out = String::new();
    let none = "(not in the message)";
    let actions = match (p.actions.is_empty(), p.inferred_actions.is_empty()) {
        (false, _) => p.actions.join(", "),
        (true, false) => format!("{} (inferred)", p.inferred_actions.join(", ")),
        (true, true) => none.to_string(),
    };
    let _ = writeln!(out, "Denied:    {actions}");
    let _ = writeln!(
        out,
        "Caller:    {}{}",
        p.principal.as_deref().unwrap_or(none),
        kind_words(p.principal_kind)
    );
    if let Some(resource) = &p.resource {
        let _ = writeln!(out, "Resource:  {resource}");
    }
    let _ = writeln!(out, "Why:       {}", denial_words(p.denial));
    for note in &p.notes {
        let _ = writeln!(out, "Note:      {note}");
    }
    match &a.recommendation {
        Some(r) => {
            let _ = writeln!(out, "Policy:    {} ({})", r.policy_name, r.policy_arn);
            let _ = writeln!(out, "Risk:      {}/100", r.risk);
            for reason in r.reasons.iter() {
                let _ = writeln!(out, "           - {reason}");
            }
            for also in &r.also {
                let _ = writeln!(
                    out,
                    "Also:      {} ({}), risk {}/100, for {}",
                    also.policy_name,
                    also.policy_arn,
                    also.risk,
                    also.actions.join(", ")
                );
            }
        }
        None => {
            let _ = writeln!(out, "Policy:    none");
        }
    }
    let _ = writeln!(out, "Decision:  {}", a.decision.as_str().replace('_', " "));
    for reason in &a.reasons {
        let _ = writeln!(out, "           - {reason}");
    }
    let _ = writeln!(out, "\n{}", a.explanation);
    out
}

fn kind_words(kind: PrincipalKind) -> &'static str {
    match kind {
        PrincipalKind::User => " (IAM user)",
        PrincipalKind::AssumedRole => " (assumed role)",
        PrincipalKind::Role => " (IAM role)",
        PrincipalKind::Root => " (root user)",
        PrincipalKind::FederatedUser => " (federated user)",
        PrincipalKind::Service => " (AWS service)",
        PrincipalKind::Unknown => "",
    }
}
