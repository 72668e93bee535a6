//! Which AWS managed policies grant a denied action, best first.
//!
//! Candidates come from the compiled grant table; an action the snapshot
//! lacks is matched against every policy's patterns instead. Only policies
//! that may be recommended to people are kept, and where the message names
//! the resource, only those whose statements cover it (for a table hit,
//! only the statements the table lists as granting the action are read).

use std::cmp::Ordering;

use crate::analysis::Source;
use crate::catalog::{AccessLevel, ActionRecord, Catalog, GrantScope, PolicyRecord};
use crate::evaluate::{Access, Request, Variables, evaluate, evaluate_covering};

/// One policy that grants the action.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'c> {
    /// The policy.
    pub policy: &'c PolicyRecord,
    /// How its grant reaches the request.
    pub fit: Fit,
    /// Whether it is the action's service's own policy (the pick people expect).
    pub own: bool,
}

impl Candidate<'_> {
    /// Why the candidate stands where it does, in the order the ranking
    /// weighs it.
    pub fn why(&self, wants_read: bool) -> String {
        let fit = match self.fit {
            Fit::Covers => "grants it unconditionally",
            Fit::Restricted => "grants it on some resources only",
            Fit::Conditional => "grants it only under conditions",
        };
        let own = if self.own {
            "the service's own policy"
        } else {
            "not the service's own policy"
        };
        let read = match (wants_read, self.policy.granted.read_only()) {
            (true, true) => ", read-only",
            (true, false) => ", not read-only",
            (false, _) => "",
        };
        format!(
            "{fit}; {own}{read}; risk {}; {} actions",
            self.policy.risk.risk,
            self.policy.granted.total()
        )
    }
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
    /// Whether read-only policies rank first (a List or Read action).
    pub wants_read: bool,
    /// The candidates: ranked best first by [`resolve`], in table order by
    /// [`candidates`].
    pub candidates: Vec<Candidate<'c>>,
}

/// Resolves one action (any case) on an optional resource, its candidates
/// ranked best first.
pub fn resolve<'c>(
    catalog: &'c Catalog,
    action: &str,
    resource: Option<&str>,
    variables: Variables<'_>,
) -> Resolution<'c> {
    let mut resolution = candidates(catalog, action, resource, variables);
    let wants_read = resolution.wants_read;
    resolution.candidates.sort_by(|a, b| rank(a, b, wants_read));
    resolution
}

/// Resolves one action like [`resolve`], leaving the candidates in table
/// order: for callers that need only the best ([`rank`] is a total order,
/// so the best does not depend on the order).
pub fn candidates<'c>(
    catalog: &'c Catalog,
    action: &str,
    resource: Option<&str>,
    variables: Variables<'_>,
) -> Resolution<'c> {
    let record = catalog.action(action);
    let level = record.map(|r| r.level);
    Resolution {
        source: source_of(record),
        level,
        wants_read: level.is_some_and(AccessLevel::is_read_only),
        candidates: lazy(catalog, record, action, resource, variables).collect(),
    }
}

/// The first candidate of [`resolve`]'s ranking for one action, and where
/// it came from; `None` when no policy fits. A table hit reads the action's
/// grants in their table order (see [`Catalog::grants`]) only up to the
/// first that covers the request.
pub fn best<'c>(
    catalog: &'c Catalog,
    action: &str,
    resource: Option<&str>,
    variables: Variables<'_>,
) -> Option<(Candidate<'c>, Source)> {
    best_of(catalog, catalog.action(action), action, resource, variables)
}

/// [`best`] for an action already looked up: `record` is
/// `catalog.action(action)`.
pub fn best_of<'c>(
    catalog: &'c Catalog,
    record: Option<&'c ActionRecord>,
    action: &str,
    resource: Option<&str>,
    variables: Variables<'_>,
) -> Option<(Candidate<'c>, Source)> {
    let source = source_of(record);
    let wants_read = record.is_some_and(|r| r.level.is_read_only());
    let mut best: Option<Candidate<'c>> = None;
    for c in lazy(catalog, record, action, resource, variables) {
        if best.is_none_or(|b| rank(&c, &b, wants_read).is_lt()) {
            best = Some(c);
        }
        // Ranked ahead of every later grant, and every earlier one fits worse.
        if source == Source::Catalog && c.fit == Fit::Covers {
            break;
        }
    }
    best.map(|c| (c, source))
}

/// Catalog for an action of the table, pattern for one it lacks.
fn source_of(record: Option<&ActionRecord>) -> Source {
    match record {
        Some(_) => Source::Catalog,
        None => Source::Pattern,
    }
}

/// The candidates for one action, one by one: the table's grants of
/// `record`, in table order, or, for an action the table lacks, every
/// policy whose patterns grant it.
fn lazy<'c, 'a>(
    catalog: &'c Catalog,
    record: Option<&'c ActionRecord>,
    action: &'a str,
    resource: Option<&'a str>,
    variables: Variables<'a>,
) -> impl Iterator<Item = Candidate<'c>> + 'a
where
    'c: 'a,
{
    let resource = resource.filter(|r| r.starts_with("arn:"));
    let prefix = action.split_once(':').map_or(action, |(p, _)| p);
    let candidate = move |policy: &'c PolicyRecord, fit| Candidate {
        policy,
        fit,
        own: policy.is_own_for(prefix),
    };
    let request = move |action| Request {
        action,
        resource,
        variables,
    };
    let table = record.into_iter().flat_map(move |record| {
        catalog.grants_of(record).filter_map(move |g| {
            let policy = catalog.policies.get(g.policy())?;
            if !catalog.recommends(policy) {
                return None;
            }
            let fit = match (g.scope(), resource) {
                (GrantScope::AllResources, _) | (_, None) => Fit::from(g.scope()),
                (_, Some(_)) => fit_of(
                    evaluate_covering(
                        &policy.document,
                        catalog.covering(g),
                        &request(&record.name),
                    )
                    .access,
                    true,
                )?,
            };
            Some(candidate(policy, fit))
        })
    });
    let patterns = record
        .is_none()
        .then_some(())
        .into_iter()
        .flat_map(move |()| {
            catalog
                .policies
                .iter()
                .filter(move |p| catalog.recommends(p) && p.may_reach(prefix))
                .filter_map(move |policy| {
                    let access = evaluate(&policy.document, &request(action)).access;
                    Some(candidate(policy, fit_of(access, resource.is_some())?))
                })
        });
    table.chain(patterns)
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

/// Best first: the closest fit; the service's own policy; for a read action
/// a read-only policy; the lowest risk; the fewest granted actions; then by
/// name, so the order is total and stable.
pub fn rank(a: &Candidate<'_>, b: &Candidate<'_>, wants_read: bool) -> Ordering {
    let read_first = |c: &Candidate<'_>| !(wants_read && c.policy.granted.read_only());
    a.fit
        .cmp(&b.fit)
        .then_with(|| b.own.cmp(&a.own))
        .then_with(|| read_first(a).cmp(&read_first(b)))
        .then_with(|| a.policy.risk.risk.cmp(&b.policy.risk.risk))
        .then_with(|| a.policy.granted.total().cmp(&b.policy.granted.total()))
        .then_with(|| a.policy.name.cmp(&b.policy.name))
}
