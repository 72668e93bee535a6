//! Scores AWS managed policies with a risk catalog, the way the build does,
//! and prints the result: for studying and reviewing `data/risk.toml` and
//! `data/exclusions.toml` against the real data.
//!
//! ```text
//! cargo run -p botjinseong-core --example risk_report -- \
//!     data/risk.toml data/exclusions.toml data/actions.jsonl data/managed-policies.jsonl \
//!     [--all | POLICY_NAME ...]
//! ```
//!
//! With policy names, prints each one's risk and reasons. With `--all`,
//! prints one tab-separated line per policy: risk, kind, excluded or
//! never-grant, name.

use std::process::ExitCode;

use botjinseong_core::PolicyKind;
use botjinseong_core::compile::{Reviewed, compile};
use botjinseong_core::exclusion::Exclusions;
use botjinseong_core::natural::Natural;
use botjinseong_core::risk::RiskModel;
use botjinseong_core::snapshot::Snapshot;

fn run(args: &[String]) -> Result<(), String> {
    let [risk, exclusions, actions, policies, rest @ ..] = args else {
        return Err(
            "usage: risk_report RISK.toml EXCLUSIONS.toml ACTIONS.jsonl POLICIES.jsonl [--all | NAME ...]"
                .into(),
        );
    };
    let read = |path: &String| std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"));
    let risk = RiskModel::from_toml(&read(risk)?).map_err(|e| e.to_string())?;
    let exclusions = Exclusions::from_toml(&read(exclusions)?).map_err(|e| e.to_string())?;
    let snapshot = Snapshot::read(&read(actions)?, &read(policies)?).map_err(|e| e.to_string())?;
    let reviewed = Reviewed {
        risk: &risk,
        exclusions: &exclusions,
        natural: &Natural::default(),
    };
    let catalog = compile(&snapshot, &reviewed).map_err(|e| e.to_string())?;
    if rest.iter().any(|a| a == "--all") {
        for p in catalog.policies.iter() {
            let kind = match p.kind {
                PolicyKind::ForPeople => "people",
                PolicyKind::ServiceRole => "service-role",
                PolicyKind::AwsServiceRole => "aws-service-role",
            };
            let mark = if risk.never_grant_reason(&p.name).is_some() {
                "never-grant"
            } else if p.excluded.is_some() {
                "excluded"
            } else {
                "-"
            };
            println!("{}\t{kind}\t{mark}\t{}", p.risk.risk, p.name);
        }
        return Ok(());
    }
    for name in rest {
        let p = catalog
            .policy(name)
            .ok_or_else(|| format!("no managed policy named {name}"))?;
        println!(
            "{} — risk {} ({} actions)",
            p.name,
            p.risk.risk,
            p.granted.total()
        );
        for reason in p.risk.reasons.iter() {
            println!("  - {reason}");
        }
        if let Some(why) = &p.excluded {
            println!("  excluded: {why}");
        }
        if let Some(why) = risk.never_grant_reason(&p.name) {
            println!("  never granted: {why}");
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
