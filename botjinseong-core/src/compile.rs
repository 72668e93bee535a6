//! Turns a [`Snapshot`] into a [`Catalog`]: expands every managed policy
//! against every known action with the evaluator, and records each grant's
//! scope, each policy's counts by access level, its risk and whether it may
//! be recommended.
//!
//! The root package runs this in its build script; tests run it on small
//! snapshots.

use std::borrow::Cow;
use std::ops::Range;

use crate::catalog::{
    ActionRecord, Catalog, Grant, GrantScope, LevelCounts, PolicyKind, PolicyRecord, RiskScore,
};
use crate::evaluate::{Access, Request, evaluate};
use crate::policy::{PolicyDocument, PolicyError, Selector};
use crate::snapshot::Snapshot;
use crate::wildcard;

/// Why a snapshot could not be compiled.
#[derive(Debug, thiserror::Error)]
pub enum CompileError {
    /// A policy's document is not a valid policy document.
    #[error("policy {name}: {source}")]
    Policy {
        /// The policy's name.
        name: String,
        /// What is wrong with it.
        source: PolicyError,
    },
    /// The catalog is larger than its packed grants can index.
    #[error("too many policies to index: {0}")]
    TooLarge(usize),
}

/// What the compiler asks of the risk model and of the exclusion list.
pub trait Judge {
    /// The risk of a policy that grants these actions with these scopes.
    fn score(&self, granted: &[(&ActionRecord, GrantScope)]) -> RiskScore;
    /// Why a policy is never recommended to people, if it is not.
    fn excluded(&self, name: &str) -> Option<String>;
    /// The policies never to attach, by name.
    fn never_grant(&self) -> Vec<String>;
}

/// Compiles a snapshot into a catalog that owns its data.
pub fn compile(snapshot: &Snapshot, judge: &dyn Judge) -> Result<Catalog, CompileError> {
    if snapshot.policies.len() >= (1 << 30) {
        return Err(CompileError::TooLarge(snapshot.policies.len()));
    }
    let mut actions: Vec<ActionRecord> = snapshot
        .actions
        .iter()
        .map(|a| ActionRecord {
            name: Cow::Owned(a.action.clone()),
            level: a.level,
            resource_types: Cow::Owned(a.resources.iter().map(|r| Cow::Owned(r.name.clone())).collect()),
            dependent_actions: Cow::Owned(a.dependent.iter().cloned().map(Cow::Owned).collect()),
            grants_start: 0,
            grants_len: 0,
        })
        .collect();
    let services = service_ranges(&actions);
    let mut per_action: Vec<Vec<Grant>> = vec![Vec::new(); actions.len()];
    let mut policies = Vec::with_capacity(snapshot.policies.len());
    for (index, entry) in snapshot.policies.iter().enumerate() {
        let document = PolicyDocument::from_value(&entry.document).map_err(|source| {
            CompileError::Policy {
                name: entry.name.clone(),
                source,
            }
        })?;
        let mut granted = Vec::new();
        for range in candidate_ranges(&document, &actions, &services) {
            for at in range {
                if let Some(scope) = scope_of(&document, &actions[at].name) {
                    granted.push((at, scope));
                }
            }
        }
        granted.sort_unstable();
        granted.dedup_by_key(|(at, _)| *at);
        let mut counts = LevelCounts::default();
        for &(at, scope) in &granted {
            counts.add(actions[at].level);
            per_action[at].push(Grant::new(index as u32, scope));
        }
        let scored: Vec<_> = granted.iter().map(|&(at, s)| (&actions[at], s)).collect();
        let risk = judge.score(&scored);
        let excluded = judge.excluded(&entry.name).map(Cow::Owned);
        policies.push(PolicyRecord {
            name: Cow::Owned(entry.name.clone()),
            arn: Cow::Owned(entry.arn.clone()),
            path: Cow::Owned(entry.path.clone()),
            version: Cow::Owned(entry.version.clone()),
            kind: PolicyKind::from_path(&entry.path),
            document,
            granted: counts,
            risk,
            excluded,
        });
    }
    let mut grants = Vec::new();
    for (action, list) in actions.iter_mut().zip(per_action) {
        action.grants_start = grants.len() as u32;
        action.grants_len = list.len() as u32;
        grants.extend(list);
    }
    Ok(Catalog {
        actions: Cow::Owned(actions),
        policies: Cow::Owned(policies),
        grants: Cow::Owned(grants),
        never_grant: Cow::Owned(judge.never_grant().into_iter().map(Cow::Owned).collect()),
        action_index: None,
    })
}

/// How far a document grants an action when no resource is named.
pub fn scope_of(document: &PolicyDocument, action: &str) -> Option<GrantScope> {
    let request = Request {
        action,
        ..Request::default()
    };
    match evaluate(document, &request).access {
        Access::Granted => Some(GrantScope::AllResources),
        Access::Restricted => Some(GrantScope::Restricted),
        Access::Conditional => Some(GrantScope::Conditional),
        Access::NotGranted | Access::Denied => None,
    }
}

/// Each service prefix's run in the sorted actions, lower-cased.
fn service_ranges(actions: &[ActionRecord]) -> Vec<(String, Range<usize>)> {
    let mut out: Vec<(String, Range<usize>)> = Vec::new();
    for (at, action) in actions.iter().enumerate() {
        let prefix = action.prefix().to_ascii_lowercase();
        match out.last_mut() {
            Some((p, range)) if *p == prefix => range.end = at + 1,
            _ => out.push((prefix, at..at + 1)),
        }
    }
    out
}

/// The runs of actions that a document's allow statements may reach: the
/// services its patterns name, or every action when a pattern's service part
/// has a wildcard or a statement uses `NotAction`.
fn candidate_ranges(
    document: &PolicyDocument,
    actions: &[ActionRecord],
    services: &[(String, Range<usize>)],
) -> Vec<Range<usize>> {
    let mut prefixes = Vec::new();
    for statement in document.statements.iter() {
        let patterns = match &statement.actions {
            Selector::Only(p) => p,
            Selector::Except(_) => return vec![0..actions.len()],
        };
        for pattern in patterns.iter() {
            let prefix = pattern.split_once(':').map_or(&**pattern, |(p, _)| p);
            if !wildcard::is_literal(prefix) {
                return vec![0..actions.len()];
            }
            prefixes.push(prefix.to_ascii_lowercase());
        }
    }
    prefixes.sort();
    prefixes.dedup();
    prefixes
        .iter()
        .filter_map(|p| {
            services
                .binary_search_by(|(s, _)| s.as_str().cmp(p))
                .ok()
                .map(|i| services[i].1.clone())
        })
        .collect()
}
