//! The plain-words lines that explain a policy's score.

use std::fmt::Write as _;

use crate::catalog::GrantScope;

use super::model::{RiskModel, RiskSource};
use super::score::Group;

/// One line for the grants of one catalog entry:
///
/// - action entry: `ec2:RunInstances launches instances …`
/// - pattern: `iam:PutRolePolicy, iam:PutUserPolicy and 1 more: write …`
/// - service tier: `ec2:CreateVolume and 3 more (ec2, high-cost service): …`
/// - level default: `s3:GetObject and 9 more (read actions): …`
///
/// A grant limited to some resources or to conditions says so at the end.
pub(crate) fn entry(model: &RiskModel, source: RiskSource, group: &Group<'_>) -> String {
    let reason = model.reason(source);
    let mut line = String::with_capacity(96 + reason.len());
    match source {
        RiskSource::Action(_) if group.count == 1 => {
            let action = group.samples.first().map_or("", |s| s.1);
            let _ = write!(line, "{action} {reason}");
        }
        RiskSource::Action(_) | RiskSource::Pattern(_) => {
            list(&mut line, group);
            let _ = write!(line, ": {reason}");
        }
        RiskSource::Service(i) => {
            list(&mut line, group);
            let service = model.services.get(i as usize);
            let prefix = service.map_or("?", |s| &*s.prefix);
            let tier = service
                .and_then(|s| model.tier_of(s))
                .map_or("?", |t| &*t.name);
            let _ = write!(line, " ({prefix}, {tier}-cost service): {reason}");
        }
        RiskSource::Level(level) => {
            list(&mut line, group);
            let _ = write!(
                line,
                " ({} actions): {reason}",
                level.as_str().to_ascii_lowercase()
            );
        }
    }
    match group.scope {
        GrantScope::AllResources => {}
        GrantScope::Restricted => line.push_str(" — only on the resources the policy names"),
        GrantScope::Conditional => line.push_str(" — only when the policy's conditions hold"),
    }
    line
}

/// `a, b, c and 12 more`.
fn list(line: &mut String, group: &Group<'_>) {
    for (i, (_, action)) in group.samples.iter().enumerate() {
        if i > 0 {
            line.push_str(", ");
        }
        line.push_str(action);
    }
    let more = group.count as usize - group.samples.len().min(group.count as usize);
    if more > 0 {
        let _ = write!(line, " and {more} more");
    }
}

/// The line that says what breadth added.
pub(crate) fn breadth(model: &RiskModel, bonus: u8, services: usize, high: usize) -> String {
    let services = match services {
        0 | 1 => String::new(),
        n => format!("writes in {n} services"),
    };
    let high = match high {
        0 | 1 => String::new(),
        n => format!("{n} actions at {} points or more", model.breadth.high),
    };
    let sep = if services.is_empty() || high.is_empty() {
        ""
    } else {
        " and "
    };
    format!("+{bonus} for breadth: {services}{sep}{high}")
}
