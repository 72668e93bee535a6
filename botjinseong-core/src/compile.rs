//! Turns a [`Snapshot`] into a [`Catalog`]: expands every managed policy
//! against every known action with the evaluator, and records each grant's
//! scope, each policy's counts by access level, its risk and whether it may
//! be recommended.
//!
//! The root package runs this in its build script; tests run it on small
//! snapshots.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use crate::catalog::{
    ActionRecord, Catalog, Grant, GrantScope, LevelCounts, PolicyKind, PolicyRecord, RiskScore,
};
use crate::evaluate::{Access, Request, covers_action, evaluate_covering};
use crate::exclusion::Exclusions;
use crate::natural::Natural;
use crate::policy::{PolicyDocument, PolicyError, Selector};
use crate::resolve::{Candidate, Fit, rank};
use crate::risk::{ActionRisk, RiskModel};
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
    /// The risk catalog cannot be read.
    #[error("data/risk.toml: {0}")]
    Risk(#[from] crate::risk::RiskError),
    /// The exclusion list cannot be read.
    #[error("data/exclusions.toml: {0}")]
    Exclusions(#[from] crate::exclusion::ExclusionError),
    /// The natural-pick stems cannot be read.
    #[error("data/natural.toml: {0}")]
    Natural(#[from] crate::natural::NaturalError),
    /// The catalog is larger than its packed grants can index.
    #[error("too many policies to index: {0}")]
    TooLarge(usize),
    /// A policy has more statements than a grant's covering run can index.
    #[error("policy {0}: too many statements to index")]
    TooManyStatements(String),
    /// The covering-statement runs outgrew the grants' offsets.
    #[error("too many distinct covering-statement runs to index")]
    CoveringFull,
}

/// The hand-kept, reviewed data a compilation applies to the snapshot.
#[derive(Debug, Clone, Copy)]
pub struct Reviewed<'a> {
    /// The cost-risk catalog (`data/risk.toml`).
    pub risk: &'a RiskModel,
    /// The policies never recommended (`data/exclusions.toml`).
    pub exclusions: &'a Exclusions,
    /// Which policies are a service's own (`data/natural.toml`).
    pub natural: &'a Natural,
}

/// Compiles a snapshot into a catalog that owns its data: every grant, every
/// policy scored by the risk model, marked when excluded, with the services
/// it is the own policy of, and the risk model's never-grant list.
pub fn compile(snapshot: &Snapshot, reviewed: &Reviewed<'_>) -> Result<Catalog, CompileError> {
    let Reviewed {
        risk,
        exclusions,
        natural,
    } = *reviewed;
    if snapshot.policies.len() > Grant::MAX_POLICIES {
        return Err(CompileError::TooLarge(snapshot.policies.len()));
    }
    let mut actions: Vec<ActionRecord> = snapshot
        .actions
        .iter()
        .map(|a| ActionRecord {
            name: Cow::Owned(a.action.clone()),
            level: a.level,
            resource_types: Cow::Owned(
                a.resources
                    .iter()
                    .map(|r| Cow::Owned(r.name.clone()))
                    .collect(),
            ),
            dependent_actions: Cow::Owned(a.dependent.iter().cloned().map(Cow::Owned).collect()),
            grants_start: 0,
            grants_len: 0,
        })
        .collect();
    let services = service_ranges(&actions);
    let action_risks: Vec<ActionRisk> = actions
        .iter()
        .map(|a| risk.action_risk(&a.name, a.level))
        .collect();
    let mut per_action: Vec<Vec<Grant>> = vec![Vec::new(); actions.len()];
    let mut covering = Covering::default();
    let mut policies = Vec::with_capacity(snapshot.policies.len());
    for (index, entry) in snapshot.policies.iter().enumerate() {
        let document =
            PolicyDocument::from_value(&entry.document).map_err(|source| CompileError::Policy {
                name: entry.name.clone(),
                source,
            })?;
        if document.statements.len() > usize::from(u16::MAX) {
            return Err(CompileError::TooManyStatements(entry.name.clone()));
        }
        let mut granted = Vec::new();
        let prefixes = pattern_prefixes(&document);
        for range in candidate_ranges(prefixes.as_deref(), &actions, &services) {
            for at in range {
                let name = &actions[at].name;
                let statements = covering_statements(&document, name);
                if let Some(scope) = scope_of(&document, &statements, name) {
                    granted.push((at, scope, covering.intern(statements)?));
                }
            }
        }
        granted.sort_unstable();
        granted.dedup_by_key(|(at, _, _)| *at);
        let mut counts = LevelCounts::default();
        for &(at, scope, run) in &granted {
            counts.add(actions[at].level);
            per_action[at].push(Grant::new(index as u32, scope, run));
        }
        let score = risk.score_policy(
            granted
                .iter()
                .map(|&(at, scope, _)| (&*actions[at].name, &action_risks[at], scope)),
        );
        let excluded = exclusions
            .reason(&entry.name)
            .map(|r| Cow::Owned(r.to_owned()));
        let mut own: Vec<Cow<'static, str>> = Vec::new();
        for &(at, _, _) in &granted {
            let prefix = actions[at].prefix();
            if own.last().is_none_or(|s| s != prefix) && natural.is_own(&entry.name, prefix) {
                own.push(Cow::Owned(prefix.to_owned()));
            }
        }
        own.dedup();
        policies.push(PolicyRecord {
            name: Cow::Owned(entry.name.clone()),
            arn: Cow::Owned(entry.arn.clone()),
            path: Cow::Owned(entry.path.clone()),
            version: Cow::Owned(entry.version.clone()),
            kind: PolicyKind::from_path(&entry.path),
            document,
            granted: counts,
            risk: RiskScore {
                risk: score.risk,
                reasons: Cow::Owned(score.reasons.into_iter().map(Cow::Owned).collect()),
            },
            excluded,
            services: Cow::Owned(own),
            action_prefixes: prefixes
                .map(|list| Cow::Owned(list.into_iter().map(Cow::Owned).collect())),
        });
    }
    let mut grants = Vec::new();
    for (action, list) in actions.iter_mut().zip(per_action) {
        action.grants_start = grants.len() as u32;
        action.grants_len = list.len() as u32;
        grants.extend(list.into_iter().map(Grant::bits));
    }
    let mut catalog = Catalog {
        actions: Cow::Owned(actions),
        policies: Cow::Owned(policies),
        grants: Cow::Owned(Vec::new()),
        covering: Cow::Owned(covering.pool),
        never_grant: Cow::Owned(
            risk.never_grant()
                .map(|n| Cow::Owned(n.to_owned()))
                .collect(),
        ),
        action_index: None,
        unique_name_index: None,
    };
    order_grants(&catalog, &mut grants);
    catalog.grants = Cow::Owned(grants);
    Ok(catalog)
}

/// The indices of a document's statements whose `Action`/`NotAction`
/// covers `action`.
fn covering_statements(document: &PolicyDocument, action: &str) -> Vec<u16> {
    document
        .statements
        .iter()
        .enumerate()
        .filter(|(_, s)| covers_action(&s.actions, action))
        .filter_map(|(at, _)| u16::try_from(at).ok())
        .collect()
}

/// How far the covering statements of a document grant an action when no
/// resource is named.
fn scope_of(document: &PolicyDocument, covering: &[u16], action: &str) -> Option<GrantScope> {
    let request = Request {
        action,
        ..Request::default()
    };
    match evaluate_covering(document, covering, &request).access {
        Access::Granted => Some(GrantScope::AllResources),
        Access::Restricted => Some(GrantScope::Restricted),
        Access::Conditional => Some(GrantScope::Conditional),
        Access::NotGranted | Access::Denied => None,
    }
}

/// The covering-statement runs of [`Catalog::covering`], equal runs shared.
#[derive(Default)]
struct Covering {
    pool: Vec<u16>,
    runs: HashMap<Vec<u16>, u32>,
}

impl Covering {
    /// The offset of the run of `statements`, added when new.
    fn intern(&mut self, statements: Vec<u16>) -> Result<u32, CompileError> {
        if let Some(&at) = self.runs.get(&statements) {
            return Ok(at);
        }
        if self.pool.len() >= Grant::MAX_COVERING {
            return Err(CompileError::CoveringFull);
        }
        let at = u32::try_from(self.pool.len()).map_err(|_| CompileError::CoveringFull)?;
        let len = u16::try_from(statements.len()).map_err(|_| CompileError::CoveringFull)?;
        self.pool.push(len);
        self.pool.extend_from_slice(&statements);
        self.runs.insert(statements, at);
        Ok(at)
    }
}

/// Orders each action's run of `grants` the way [`Catalog::grants`]
/// promises: the policies the catalog recommends first, then by the
/// resolver's ranking with every fit alike.
fn order_grants(catalog: &Catalog, grants: &mut [u32]) {
    for action in catalog.actions.iter() {
        let start = action.grants_start as usize;
        let Some(run) = grants.get_mut(start..start + action.grants_len as usize) else {
            continue;
        };
        let prefix = action.prefix();
        let wants_read = action.level.is_read_only();
        let candidate = |bits: u32| {
            let policy = catalog.policies.get(Grant::from_bits(bits).policy())?;
            Some(Candidate {
                policy,
                fit: Fit::Covers,
                own: policy.is_own_for(prefix),
            })
        };
        run.sort_by(|&a, &b| match (candidate(a), candidate(b)) {
            (Some(a), Some(b)) => catalog
                .recommends(b.policy)
                .cmp(&catalog.recommends(a.policy))
                .then_with(|| rank(&a, &b, wants_read)),
            (a, b) => a.is_none().cmp(&b.is_none()),
        });
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

/// The service prefixes a document's action patterns name, lower-cased,
/// sorted; `None` when a pattern's service part has a wildcard or a
/// statement uses `NotAction`, so that it may reach any action.
fn pattern_prefixes(document: &PolicyDocument) -> Option<Vec<String>> {
    let mut prefixes = Vec::new();
    for statement in document.statements.iter() {
        let Selector::Only(patterns) = &statement.actions else {
            return None;
        };
        for pattern in patterns.iter() {
            let prefix = pattern.split_once(':').map_or(&**pattern, |(p, _)| p);
            if !wildcard::is_literal(prefix) {
                return None;
            }
            prefixes.push(prefix.to_ascii_lowercase());
        }
    }
    prefixes.sort();
    prefixes.dedup();
    Some(prefixes)
}

/// The runs of actions that a document with these pattern prefixes may
/// reach: those services' actions, or every action.
fn candidate_ranges(
    prefixes: Option<&[String]>,
    actions: &[ActionRecord],
    services: &[(String, Range<usize>)],
) -> Vec<Range<usize>> {
    let Some(prefixes) = prefixes else {
        return std::iter::once(0..actions.len()).collect();
    };
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
