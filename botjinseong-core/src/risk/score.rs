//! Scoring a policy from the actions it grants.
//!
//! # The formula
//!
//! For each granted action, its **effective points** are its
//! [`ActionRisk::points`] times the scope weight: 100 % for a grant on every
//! resource, `scope.restricted` % (90 in `data/risk.toml`) for a grant on
//! named resources only, `scope.conditional` % (80) for a grant under
//! conditions; rounded, at least 1. Then
//!
//! ```text
//! top    = the highest effective points of any grant          (1 if none)
//! S      = how many services have a grant at ≥ breadth.service_floor points
//! H      = how many grants have ≥ breadth.high points
//! bonus  = min( ⌊log2 S⌋ + ⌊log2 H⌋ ,  ⌊(100 − top) / 2⌋ )   (⌊log2⌋ of 0 or 1 is 0)
//! risk   = top + bonus                                        (so 1 ≤ risk ≤ 100)
//! ```
//!
//! So a policy is as risky as the riskiest thing it grants, plus at most
//! half of the distance left to 100 for breadth: writes across many
//! services, many high-risk actions. Reads never add breadth (they score
//! below the floor). A policy that grants everything contains the
//! admin-equivalent IAM entries, which the catalog scores 100.
//!
//! **Monotone:** adding a grant never lowers `top`, `S` or `H`, and
//! `top + min(b, ⌊(100 − top)/2⌋)` never falls when `top` or `b` rises, so
//! adding a grant never lowers a score. **Order-free:** the result, reasons
//! included, does not depend on the order of the grants.

use std::collections::{HashMap, HashSet};

use crate::catalog::GrantScope;

use super::model::{ActionRisk, RiskModel, RiskSource, ScopeWeights};
use super::reasons;

/// A policy's cost risk and the entries that set it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyRisk {
    /// 1–100.
    pub risk: u8,
    /// At most three lines, in plain words, with the actions they matched:
    /// the catalog entries that set the score, then, when breadth added
    /// points, how much and why.
    pub reasons: Vec<String>,
}

impl ScopeWeights {
    /// The effective points of a grant of `points` with `scope`.
    pub fn apply(&self, points: u8, scope: GrantScope) -> u8 {
        let pct = match scope {
            GrantScope::AllResources => 100,
            GrantScope::Restricted => self.restricted,
            GrantScope::Conditional => self.conditional,
        } as u32;
        ((points as u32 * pct + 50) / 100).clamp(1, 100) as u8
    }
}

/// The grants of one catalog entry within a policy.
#[derive(Debug, Clone)]
pub(crate) struct Group<'a> {
    /// Highest effective points.
    pub best: u8,
    /// The broadest scope among the grants at `best`.
    pub scope: GrantScope,
    /// How many grants.
    pub count: u32,
    /// Up to [`SAMPLES`] action names, highest points first, then by name.
    pub samples: Vec<(u8, &'a str)>,
}

/// How many action names a reason shows.
pub(crate) const SAMPLES: usize = 3;

impl<'a> Group<'a> {
    fn new() -> Self {
        Group {
            best: 0,
            scope: GrantScope::Conditional,
            count: 0,
            samples: Vec::with_capacity(SAMPLES + 1),
        }
    }

    fn add(&mut self, action: &'a str, eff: u8, scope: GrantScope) {
        self.count += 1;
        if eff > self.best || (eff == self.best && scope < self.scope) {
            self.best = eff;
            self.scope = scope;
        }
        // Keep the samples ordered by (points desc, name asc), without repeats.
        if let Some(at) = self.samples.iter().position(|s| s.1 == action) {
            if self.samples[at].0 >= eff {
                return;
            }
            self.samples.remove(at);
        }
        let key = (std::cmp::Reverse(eff), action);
        let at = self
            .samples
            .partition_point(|&(p, a)| (std::cmp::Reverse(p), a) < key);
        if at < SAMPLES {
            self.samples.insert(at, (eff, action));
            self.samples.truncate(SAMPLES);
        }
    }
}

/// The positions of the `n` ranked groups to explain, in rank order. Among
/// the groups within [`NEAR_TOP`] points of the best, one per service comes
/// first, so a broad policy's reasons show different kinds of cost rather
/// than three IAM actions; then the next best by rank.
fn pick<'a>(ranked: &[(RiskSource, Group<'a>)], n: usize) -> Vec<usize> {
    fn service<'a>(g: &Group<'a>) -> Option<&'a str> {
        let (_, action) = *g.samples.first()?;
        Some(action.split_once(':').map_or(action, |(p, _)| p))
    }
    let mut chosen: Vec<usize> = Vec::with_capacity(n);
    let best = ranked.first().map_or(0, |(_, g)| g.best);
    for (at, (_, group)) in ranked.iter().enumerate() {
        if chosen.len() == n || group.best + NEAR_TOP < best {
            break;
        }
        if !chosen
            .iter()
            .any(|&c| service(&ranked[c].1) == service(group))
        {
            chosen.push(at);
        }
    }
    for at in 0..ranked.len() {
        if chosen.len() == n {
            break;
        }
        if !chosen.contains(&at) {
            chosen.push(at);
        }
    }
    chosen.sort_unstable();
    chosen
}

/// How close to the best group another must be to be picked for variety.
const NEAR_TOP: u8 = 10;

/// ⌊log2 n⌋, 0 for 0 and 1.
fn log2(n: usize) -> u32 {
    if n <= 1 { 0 } else { n.ilog2() }
}

impl RiskModel {
    /// A policy's risk from the actions it grants: `(action, its action
    /// risk, how far the grant reaches)` for every granted action. See the
    /// [module documentation](self) for the formula. One pass, one small
    /// map per distinct catalog entry: cheap even for 22,000 grants.
    pub fn score_policy<'a>(
        &self,
        granted: impl IntoIterator<Item = (&'a str, &'a ActionRisk, GrantScope)>,
    ) -> PolicyRisk {
        let mut top = 0u8;
        let mut high = 0usize;
        let mut services: HashSet<&'a str> = HashSet::new();
        let mut groups: HashMap<RiskSource, Group<'a>> = HashMap::new();
        for (action, risk, scope) in granted {
            let eff = self.scope.apply(risk.points, scope);
            top = top.max(eff);
            if eff >= self.breadth.high {
                high += 1;
            }
            if eff >= self.breadth.service_floor {
                services.insert(action.split_once(':').map_or(action, |(p, _)| p));
            }
            groups
                .entry(risk.source)
                .or_insert_with(Group::new)
                .add(action, eff, scope);
        }
        if groups.is_empty() {
            return PolicyRisk {
                risk: 1,
                reasons: vec!["grants no action the catalog knows".to_owned()],
            };
        }
        let breadth = log2(services.len()) + log2(high);
        let bonus = breadth.min((100 - top as u32) / 2) as u8;
        let risk = (top + bonus).clamp(1, 100);

        let mut ranked: Vec<(RiskSource, Group<'a>)> = groups.into_iter().collect();
        ranked.sort_by(|(sa, a), (sb, b)| {
            b.best
                .cmp(&a.best)
                .then(b.count.cmp(&a.count))
                .then(sa.cmp(sb))
        });
        let entries = if bonus > 0 { 2 } else { 3 };
        let mut lines: Vec<String> = pick(&ranked, entries)
            .into_iter()
            .map(|at| reasons::entry(self, ranked[at].0, &ranked[at].1))
            .collect();
        if bonus > 0 {
            lines.push(reasons::breadth(self, bonus, services.len(), high));
        }
        PolicyRisk {
            risk,
            reasons: lines,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::AccessLevel::*;
    use crate::catalog::GrantScope::*;

    const MODEL: &str = r#"
        [scope]
        restricted = 90
        conditional = 80
        [breadth]
        service_floor = 20
        high = 50
        [levels]
        list = { points = 2, reason = "only list names" }
        read = { points = 5, reason = "only read" }
        tagging = { points = 4, reason = "only tag" }
        write = { points = 40, reason = "change things" }
        permissions_management = { points = 60, reason = "change who may do what" }
        [tiers.high]
        write = 55
        reason = "hourly"
        [services]
        ec2 = { tier = "high", reason = "instances and volumes bill by the hour" }
        [[actions]]
        action = "ec2:RunInstances"
        risk = 75
        reason = "launches instances of any type"
        [[actions]]
        action = "iam:AttachUserPolicy"
        risk = 100
        reason = "attaches any policy to a user"
    "#;

    fn model() -> RiskModel {
        RiskModel::from_toml(MODEL).unwrap()
    }

    #[test]
    fn scope_weights_round_and_floor() {
        let w = ScopeWeights {
            restricted: 90,
            conditional: 80,
        };
        assert_eq!(w.apply(75, AllResources), 75);
        assert_eq!(w.apply(75, Restricted), 68);
        assert_eq!(w.apply(75, Conditional), 60);
        assert_eq!(w.apply(1, Conditional), 1);
    }

    #[test]
    fn highest_action_sets_the_score_and_the_first_reason() {
        let m = model();
        let run = m.action_risk("ec2:RunInstances", Write);
        let read = m.action_risk("ec2:DescribeInstances", Read);
        let p = m.score_policy([
            ("ec2:DescribeInstances", &read, AllResources),
            ("ec2:RunInstances", &run, AllResources),
        ]);
        assert_eq!(p.risk, 75);
        assert_eq!(
            p.reasons[0],
            "ec2:RunInstances launches instances of any type"
        );
        assert!(
            p.reasons[1].starts_with("ec2:DescribeInstances (read actions)"),
            "{:?}",
            p.reasons
        );
    }

    #[test]
    fn limited_grants_count_less() {
        let m = model();
        let run = m.action_risk("ec2:RunInstances", Write);
        let p = m.score_policy([("ec2:RunInstances", &run, Conditional)]);
        assert_eq!(p.risk, 60);
        assert!(p.reasons[0].ends_with("only when the policy's conditions hold"));
    }

    #[test]
    fn breadth_adds_at_most_half_the_headroom() {
        let m = model();
        let names: Vec<String> = (0..64).map(|i| format!("ec2:Create{i}")).collect();
        let risks: Vec<ActionRisk> = names.iter().map(|n| m.action_risk(n, Write)).collect();
        let p = m.score_policy(
            names
                .iter()
                .map(|n| n.as_str())
                .zip(&risks)
                .map(|(n, r)| (n, r, AllResources)),
        );
        // top 55, one service, 64 high actions: bonus log2(64) = 6.
        assert_eq!(p.risk, 61);
        assert_eq!(p.reasons.len(), 2);
        assert!(p.reasons[0].contains("and 61 more"), "{:?}", p.reasons);
        assert!(p.reasons[1].contains("+6"), "{:?}", p.reasons);
        let admin = m.action_risk("iam:AttachUserPolicy", PermissionsManagement);
        let mut all: Vec<(&str, &ActionRisk, GrantScope)> = names
            .iter()
            .map(|n| n.as_str())
            .zip(&risks)
            .map(|(n, r)| (n, r, AllResources))
            .collect();
        all.push(("iam:AttachUserPolicy", &admin, AllResources));
        assert_eq!(m.score_policy(all).risk, 100);
    }

    #[test]
    fn nothing_granted_scores_one() {
        let p = model().score_policy(std::iter::empty());
        assert_eq!(p.risk, 1);
        assert_eq!(p.reasons.len(), 1);
    }

    #[test]
    fn order_does_not_matter() {
        let m = model();
        let names = [
            "ec2:RunInstances",
            "ec2:CreateVolume",
            "ec2:DeleteVolume",
            "ec2:AttachVolume",
            "s3:PutObject",
        ];
        let risks: Vec<ActionRisk> = names.iter().map(|n| m.action_risk(n, Write)).collect();
        let fwd = m.score_policy(
            names
                .iter()
                .copied()
                .zip(&risks)
                .map(|(n, r)| (n, r, AllResources)),
        );
        let rev = m.score_policy(
            names
                .iter()
                .copied()
                .zip(&risks)
                .rev()
                .map(|(n, r)| (n, r, AllResources)),
        );
        assert_eq!(fwd, rev);
    }
}
