//! Which AWS managed policies grant a denied action, best first.
//!
//! Candidates come from the compiled grant table; an action the snapshot
//! lacks is matched against every policy's patterns instead. Only policies
//! that may be recommended to people are kept, and where the message names
//! the resource, only those whose statements cover it.

use std::cmp::Ordering;

use crate::analysis::Source;
use crate::catalog::{AccessLevel, Catalog, GrantScope, PolicyRecord};
use crate::evaluate::{Access, Request, Variables, evaluate};

/// One policy that grants the action.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'c> {
    /// The policy.
    pub policy: &'c PolicyRecord,
    /// How its grant reaches the request.
    pub fit: Fit,
}

/// How a candidate's grant reaches the request, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Fit {
    /// Unconditionally, on the resource named (or on every resource).
    Covers,
    /// Unconditionally on some resources; the message names none to check.
    Restricted,
    /// Only when the statement's conditions hold.
    Conditional,
}

impl From<GrantScope> for Fit {
    fn from(scope: GrantScope) -> Self {
        match scope {
            GrantScope::AllResources => Fit::Covers,
            GrantScope::Restricted => Fit::Restricted,
            GrantScope::Conditional => Fit::Conditional,
        }
    }
}

/// The candidates for one action, ranked, and where they came from.
#[derive(Debug, Clone)]
pub struct Resolution<'c> {
    /// Catalog for a table hit, pattern for a run-time match.
    pub source: Source,
    /// The action's access level, where the catalog knows it.
    pub level: Option<AccessLevel>,
    /// Ranked candidates.
    pub candidates: Vec<Candidate<'c>>,
}

/// Resolves one action (any case) on an optional resource.
pub fn resolve<'c>(
    catalog: &'c Catalog,
    action: &str,
    resource: Option<&str>,
    variables: Variables<'_>,
) -> Resolution<'c> {
    let resource = resource.filter(|r| r.starts_with("arn:"));
    let check = |policy: &PolicyRecord, name: &str| {
        let request = Request {
            action: name,
            resource,
            variables,
        };
        fit_of(
            evaluate(&policy.document, &request).access,
            resource.is_some(),
        )
    };
    let (source, level, mut candidates) = match catalog.action(action) {
        Some(record) => {
            let candidates: Vec<Candidate<'c>> = catalog
                .grants_of(record)
                .filter_map(|g| {
                    let policy = catalog.policies.get(g.policy())?;
                    if !policy.recommendable() {
                        return None;
                    }
                    let fit = match (g.scope(), resource) {
                        (GrantScope::AllResources, _) | (_, None) => Fit::from(g.scope()),
                        (_, Some(_)) => check(policy, &record.name)?,
                    };
                    Some(Candidate { policy, fit })
                })
                .collect();
            (Source::Catalog, Some(record.level), candidates)
        }
        None => {
            let candidates = catalog
                .policies
                .iter()
                .filter(|p| p.recommendable())
                .filter_map(|policy| {
                    Some(Candidate {
                        policy,
                        fit: check(policy, action)?,
                    })
                })
                .collect();
            (Source::Pattern, None, candidates)
        }
    };
    let wants_read = level.is_some_and(AccessLevel::is_read_only);
    candidates.sort_by(|a, b| rank(a, b, wants_read));
    Resolution {
        source,
        level,
        candidates,
    }
}

fn fit_of(access: Access, resource_known: bool) -> Option<Fit> {
    match access {
        Access::Granted => Some(Fit::Covers),
        Access::Restricted if !resource_known => Some(Fit::Restricted),
        Access::Restricted => Some(Fit::Covers),
        Access::Conditional => Some(Fit::Conditional),
        Access::NotGranted | Access::Denied => None,
    }
}

/// Best first: the closest fit; for a read action a read-only policy; the
/// lowest risk; the fewest granted actions; then by name, so the order is
/// total and stable.
fn rank(a: &Candidate<'_>, b: &Candidate<'_>, wants_read: bool) -> Ordering {
    let read_first = |c: &Candidate<'_>| !(wants_read && c.policy.granted.read_only());
    a.fit
        .cmp(&b.fit)
        .then_with(|| read_first(a).cmp(&read_first(b)))
        .then_with(|| a.policy.risk.risk.cmp(&b.policy.risk.risk))
        .then_with(|| a.policy.granted.total().cmp(&b.policy.granted.total()))
        .then_with(|| a.policy.name.cmp(&b.policy.name))
}
