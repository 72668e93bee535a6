//! The types of a risk model: its tables and what one action scores.

use std::borrow::Cow;

use serde::Serialize;

use crate::catalog::AccessLevel;

/// Text a static table can borrow and a parsed catalog can own.
pub type Text = Cow<'static, str>;

/// The cost-risk catalog, ready to score actions and policies.
///
/// Build one with [`RiskModel::from_toml`]; the fields are public so a
/// generated `static` can build one too. Their invariants (which
/// `from_toml` establishes): `services` and `actions` are sorted by
/// lower-cased name and unique, `patterns` are sorted most specific first
/// (see [`PatternEntry::specificity`]), every `ServiceEntry::tier` indexes
/// `tiers`, and every point value is 1–100.
#[derive(Debug, Clone)]
pub struct RiskModel {
    /// Points by access level, in the order of [`AccessLevel::ALL`].
    pub levels: [LevelDefault; 5],
    /// Service cost tiers.
    pub tiers: Cow<'static, [Tier]>,
    /// Which tier each placed service is in.
    pub services: Cow<'static, [ServiceEntry]>,
    /// Explicit entries for single actions.
    pub actions: Cow<'static, [ActionEntry]>,
    /// Entries for families of actions, most specific first.
    pub patterns: Cow<'static, [PatternEntry]>,
    /// How much less a limited grant counts.
    pub scope: ScopeWeights,
    /// The breadth bonus of a policy.
    pub breadth: Breadth,
    /// Policies the bot never attaches, not even on approval.
    pub never_grant: Cow<'static, [NeverGrant]>,
}

/// The points of an access level when nothing more specific applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LevelDefault {
    /// 1–100.
    pub points: u8,
    /// Why, in plain words.
    pub reason: Text,
}

/// A service cost tier: how much writes in its services can cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tier {
    /// Its name in the catalog, such as `high`.
    pub name: Text,
    /// Points of a write action of a service in this tier.
    pub write: u8,
    /// Points of a permissions-management action of a service in this
    /// tier; `None` takes the access-level default.
    pub permissions_management: Option<u8>,
    /// What the services of this tier have in common.
    pub reason: Text,
}

/// One service placed in a tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceEntry {
    /// The IAM service prefix, such as `ec2`.
    pub prefix: Text,
    /// Index into [`RiskModel::tiers`].
    pub tier: u16,
    /// Why it is in that tier.
    pub reason: Text,
}

/// An explicit entry for one action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionEntry {
    /// Canonical `prefix:Action`.
    pub action: Text,
    /// 1–100.
    pub points: u8,
    /// A verb phrase that follows the action's name: "launches instances …".
    pub reason: Text,
    /// Where the claimed fact (a price, a term) is documented.
    pub source: Option<Text>,
}

/// An entry for a family of actions: a pattern with `*` and `?`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PatternEntry {
    /// The pattern, matched without case, such as `iam:Put*Policy`.
    pub pattern: Text,
    /// The access levels it applies to, as a bit set over
    /// [`AccessLevel::index`]; all five bits set: every level.
    pub levels: u8,
    /// 1–100.
    pub points: u8,
    /// A phrase that follows a list of the matched actions.
    pub reason: Text,
    /// Where the claimed fact is documented.
    pub source: Option<Text>,
}

impl PatternEntry {
    /// Bit set of every level.
    pub const ALL_LEVELS: u8 = 0b1_1111;

    /// Whether the entry applies to an action of `level`.
    pub fn applies_to(&self, level: AccessLevel) -> bool {
        self.levels & (1 << level.index()) != 0
    }

    /// How specific the pattern is: more literal characters first, then
    /// fewer wildcards, then a level filter before none. The catalog sorts
    /// by this (descending), then by points (descending) and pattern text,
    /// so the first match is always the same one.
    pub fn specificity(&self) -> (usize, std::cmp::Reverse<usize>, bool) {
        let wild = self.pattern.matches(['*', '?']).count();
        (
            self.pattern.len() - wild,
            std::cmp::Reverse(wild),
            self.levels != Self::ALL_LEVELS,
        )
    }
}

/// How much a grant limited to some resources, or to conditions, counts,
/// in percent of its full points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ScopeWeights {
    /// Percent for a grant on named resources only.
    pub restricted: u8,
    /// Percent for a grant under conditions.
    pub conditional: u8,
}

/// Parameters of a policy's breadth bonus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Breadth {
    /// A service counts towards breadth when the policy grants one of its
    /// actions at this many points or more (after scope weighting).
    pub service_floor: u8,
    /// An action counts as high-risk at this many points or more.
    pub high: u8,
}

/// A policy the bot never attaches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NeverGrant {
    /// The AWS managed policy's name.
    pub name: Text,
    /// Why.
    pub reason: Text,
}

/// Which catalog entry set an action's points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "kind", content = "index", rename_all = "snake_case")]
pub enum RiskSource {
    /// An explicit action entry: index into [`RiskModel::actions`].
    Action(u16),
    /// A pattern entry: index into [`RiskModel::patterns`].
    Pattern(u16),
    /// The tier of a placed service: index into [`RiskModel::services`].
    Service(u16),
    /// The default of an access level.
    Level(AccessLevel),
}

/// What one action scores, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct ActionRisk {
    /// 1–100.
    pub points: u8,
    /// The entry that set them.
    pub source: RiskSource,
}

impl RiskModel {
    /// The built-in never-grant list: AWS managed policy names the bot never
    /// attaches, not even when an admin approves.
    pub fn never_grant(&self) -> impl Iterator<Item = &str> {
        self.never_grant.iter().map(|n| &*n.name)
    }

    /// Why a policy is on the never-grant list, when it is (exact name).
    pub fn never_grant_reason(&self, policy_name: &str) -> Option<&str> {
        self.never_grant
            .iter()
            .find(|n| n.name == policy_name)
            .map(|n| &*n.reason)
    }

    /// The one-line reason of the entry that set an action's points.
    pub fn reason(&self, source: RiskSource) -> &str {
        match source {
            RiskSource::Action(i) => self.actions.get(i as usize).map(|e| &*e.reason),
            RiskSource::Pattern(i) => self.patterns.get(i as usize).map(|e| &*e.reason),
            RiskSource::Service(i) => self.services.get(i as usize).map(|e| &*e.reason),
            RiskSource::Level(level) => Some(&*self.levels[level.index()].reason),
        }
        .unwrap_or("")
    }

    /// A short name of the entry that set an action's points, for listings:
    /// the action, the pattern, `"ec2 (tier high)"`, `"level Read"`.
    pub fn entry_name(&self, source: RiskSource) -> Cow<'_, str> {
        match source {
            RiskSource::Action(i) => self
                .actions
                .get(i as usize)
                .map_or(Cow::Borrowed("?"), |e| Cow::Borrowed(&*e.action)),
            RiskSource::Pattern(i) => self
                .patterns
                .get(i as usize)
                .map_or(Cow::Borrowed("?"), |e| Cow::Borrowed(&*e.pattern)),
            RiskSource::Service(i) => match self.services.get(i as usize) {
                Some(s) => {
                    let tier = self.tiers.get(s.tier as usize).map_or("?", |t| &*t.name);
                    Cow::Owned(format!("{} (tier {tier})", s.prefix))
                }
                None => Cow::Borrowed("?"),
            },
            RiskSource::Level(level) => Cow::Owned(format!("level {level}")),
        }
    }

    /// The service entry of an IAM prefix, ignoring case.
    pub fn service(&self, prefix: &str) -> Option<(u16, &ServiceEntry)> {
        let at = self
            .services
            .binary_search_by(|s| cmp_ignore_case(&s.prefix, prefix))
            .ok()?;
        Some((at as u16, &self.services[at]))
    }

    /// The tier of a placed service.
    pub fn tier_of(&self, service: &ServiceEntry) -> Option<&Tier> {
        self.tiers.get(service.tier as usize)
    }
}

/// Compares two strings ignoring ASCII case.
pub(crate) fn cmp_ignore_case(a: &str, b: &str) -> std::cmp::Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}
