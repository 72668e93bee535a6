//! The catalog the engine reads: every known action and every AWS managed
//! policy, with which policy grants which action and how.
//!
//! All fields borrow or own through [`Cow`], so the root package can bake a
//! catalog into `static` tables while tests build small ones at run time.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::policy::PolicyDocument;

/// A list of strings that a static table can borrow and a test can own.
pub type Strs = Cow<'static, [Cow<'static, str>]>;

/// The access level AWS's service authorization reference gives an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum AccessLevel {
    /// Lists resources.
    List,
    /// Reads resources or their configuration.
    Read,
    /// Changes tags only.
    Tagging,
    /// Creates, changes or deletes resources.
    Write,
    /// Changes who may do what: policies, grants, credentials.
    #[serde(rename = "Permissions management")]
    PermissionsManagement,
}

impl AccessLevel {
    /// Every level, from the least to the most powerful.
    pub const ALL: [AccessLevel; 5] = [
        Self::List,
        Self::Read,
        Self::Tagging,
        Self::Write,
        Self::PermissionsManagement,
    ];

    /// The name AWS's reference uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::List => "List",
            Self::Read => "Read",
            Self::Tagging => "Tagging",
            Self::Write => "Write",
            Self::PermissionsManagement => "Permissions management",
        }
    }

    /// Reads a level as the reference writes it. Combined levels such as
    /// `"Permissions management, Write"` take their most specific part
    /// (permissions management, then tagging), which is what the classic
    /// reference lists for those actions.
    pub fn from_reference(text: &str) -> Option<Self> {
        let parts = text.split(',').map(str::trim);
        let mut found = None;
        for part in parts {
            let level = match part {
                "List" => Self::List,
                "Read" => Self::Read,
                "Tagging" => Self::Tagging,
                "Write" => Self::Write,
                "Permissions management" => Self::PermissionsManagement,
                _ => return None,
            };
            found = Some(match (found, level) {
                (Some(Self::PermissionsManagement), _) | (_, Self::PermissionsManagement) => {
                    Self::PermissionsManagement
                }
                (Some(Self::Tagging), _) | (_, Self::Tagging) => Self::Tagging,
                (Some(prev), _) => prev.max(level),
                (None, _) => level,
            });
        }
        found
    }

    /// The position of this level in [`AccessLevel::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Whether the level only reads (List or Read).
    pub fn is_read_only(self) -> bool {
        matches!(self, Self::List | Self::Read)
    }
}

impl fmt::Display for AccessLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who a managed policy is written for, from its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyKind {
    /// Path `/` or `/job-function/`: attachable to people.
    ForPeople,
    /// Path `/service-role/`: for roles that services assume.
    ServiceRole,
    /// Path `/aws-service-role/`: for service-linked roles only.
    AwsServiceRole,
}

impl PolicyKind {
    /// The kind a policy's path implies.
    pub fn from_path(path: &str) -> Self {
        if path.starts_with("/aws-service-role/") {
            Self::AwsServiceRole
        } else if path.starts_with("/service-role/") {
            Self::ServiceRole
        } else {
            Self::ForPeople
        }
    }
}

/// How far a policy's grant of one action reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GrantScope {
    /// Unconditionally, on every resource.
    AllResources,
    /// Unconditionally, but only on resources matching the statement's patterns.
    Restricted,
    /// Only when the statement's conditions hold.
    Conditional,
}

impl GrantScope {
    const ALL: [GrantScope; 3] = [Self::AllResources, Self::Restricted, Self::Conditional];
}

/// One policy's grant of one action: a policy index, a [`GrantScope`] and
/// where the statements that grant it are listed, packed into 32 bits so the
/// compiled table stays small: the scope in the low 2, the policy in the
/// next [`Grant::POLICY_BITS`], the covering run's offset in the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Grant(u32);

impl Grant {
    /// How many bits index a policy: up to 4,096 policies (AWS has about
    /// 1,600).
    pub const POLICY_BITS: u32 = 12;

    /// How many policies a grant can index.
    pub const MAX_POLICIES: usize = 1 << Self::POLICY_BITS;

    /// How far into [`Catalog::covering`] a grant can point.
    pub const MAX_COVERING: usize = 1 << (32 - 2 - Self::POLICY_BITS);

    /// Packs a grant of the policy at `policy` (an index into
    /// [`Catalog::policies`], below [`Grant::MAX_POLICIES`]), whose covering
    /// statements are the run at `covering` (below [`Grant::MAX_COVERING`])
    /// in [`Catalog::covering`].
    pub const fn new(policy: u32, scope: GrantScope, covering: u32) -> Self {
        Grant(covering << (2 + Self::POLICY_BITS) | policy << 2 | scope as u32)
    }

    /// Rebuilds a grant from [`Grant::bits`].
    pub const fn from_bits(bits: u32) -> Self {
        Grant(bits)
    }

    /// The packed form, for code generation.
    pub const fn bits(self) -> u32 {
        self.0
    }

    /// The index of the granting policy in [`Catalog::policies`].
    pub const fn policy(self) -> usize {
        ((self.0 >> 2) as usize) & (Self::MAX_POLICIES - 1)
    }

    /// How far the grant reaches.
    pub fn scope(self) -> GrantScope {
        GrantScope::ALL[(self.0 & 3) as usize % GrantScope::ALL.len()]
    }

    /// Where its covering statements start in [`Catalog::covering`].
    pub const fn covering_at(self) -> usize {
        (self.0 >> (2 + Self::POLICY_BITS)) as usize
    }
}

/// One IAM action of the service authorization reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionRecord {
    /// Canonical `prefix:Action` spelling.
    pub name: Cow<'static, str>,
    /// Its access level.
    pub level: AccessLevel,
    /// The resource types it acts on (empty: only `*`).
    pub resource_types: Strs,
    /// Actions AWS says it also needs.
    pub dependent_actions: Strs,
    /// Where its grants start in [`Catalog::grants`].
    pub grants_start: u32,
    /// How many grants it has.
    pub grants_len: u32,
}

impl ActionRecord {
    /// The IAM service prefix (`s3` of `s3:GetObject`).
    pub fn prefix(&self) -> &str {
        self.name.split_once(':').map_or(&*self.name, |(p, _)| p)
    }
}

/// How many actions a policy grants, by access level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LevelCounts(pub [u32; 5]);

impl LevelCounts {
    /// The count for one level.
    pub fn get(&self, level: AccessLevel) -> u32 {
        self.0[level.index()]
    }

    /// Counts one more action of `level`.
    pub fn add(&mut self, level: AccessLevel) {
        self.0[level.index()] += 1;
    }

    /// All granted actions.
    pub fn total(&self) -> u32 {
        self.0.iter().sum()
    }

    /// Whether every granted action only reads.
    pub fn read_only(&self) -> bool {
        self.total() > 0
            && AccessLevel::ALL
                .iter()
                .all(|l| l.is_read_only() || self.get(*l) == 0)
    }
}

/// A policy's precomputed cost risk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskScore {
    /// 1–100.
    pub risk: u8,
    /// The few catalog entries that set the score, in plain words.
    pub reasons: Strs,
}

/// One AWS managed policy.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyRecord {
    /// Its name, unique among AWS managed policies.
    pub name: Cow<'static, str>,
    /// Its ARN, path included.
    pub arn: Cow<'static, str>,
    /// Its path, such as `/` or `/service-role/`.
    pub path: Cow<'static, str>,
    /// Its default version id.
    pub version: Cow<'static, str>,
    /// Who it is written for.
    pub kind: PolicyKind,
    /// Its default version's document.
    pub document: PolicyDocument,
    /// Granted actions of the catalog, by access level.
    pub granted: LevelCounts,
    /// Its cost risk.
    pub risk: RiskScore,
    /// Why it is never recommended to people, when it is not.
    pub excluded: Option<Cow<'static, str>>,
    /// The service prefixes whose own policy this is (see `data/natural.toml`):
    /// `["s3"]` for AmazonS3ReadOnlyAccess.
    pub services: Strs,
    /// The service prefixes its action patterns name, lower-cased and
    /// sorted; `None` when it may reach any action (a wildcard service part,
    /// or `NotAction`).
    pub action_prefixes: Option<Strs>,
}

impl PolicyRecord {
    /// Whether the bot may ever recommend this policy for a person.
    pub fn recommendable(&self) -> bool {
        self.kind == PolicyKind::ForPeople && self.excluded.is_none()
    }

    /// Whether a pattern of this policy may match an action of `prefix`.
    pub fn may_reach(&self, prefix: &str) -> bool {
        self.action_prefixes
            .as_ref()
            .is_none_or(|list| list.iter().any(|p| p.eq_ignore_ascii_case(prefix)))
    }

    /// Whether this is the service `prefix`'s own policy (any case).
    pub fn is_own_for(&self, prefix: &str) -> bool {
        self.services.iter().any(|s| s.eq_ignore_ascii_case(prefix))
    }
}

/// Everything the engine knows of AWS: actions, policies, grants.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// Every action, in the order of [`compare_actions`].
    pub actions: Cow<'static, [ActionRecord]>,
    /// Every policy, sorted by name.
    pub policies: Cow<'static, [PolicyRecord]>,
    /// The grants of all actions, each action's a contiguous run, packed
    /// (see [`Grant::bits`]) so the compiled table is a plain word array.
    /// Each run is in the order [`crate::compile`] gives it: policies that
    /// may be recommended first, then as [`crate::resolve::rank`] ranks
    /// them when they fit alike; the resolver stops at the first candidate
    /// that covers the request.
    pub grants: Cow<'static, [u32]>,
    /// For each grant, the statements of its policy whose `Action` covers
    /// the granted action: runs of a length followed by that many statement
    /// indices, equal runs shared. Evaluating only these against a resource
    /// gives the whole document's answer.
    pub covering: Cow<'static, [u16]>,
    /// Names of the policies the bot never attaches, not even on approval.
    pub never_grant: Strs,
    /// An optional perfect-hash index from lower-cased action name to its
    /// position in `actions`; without it lookups binary-search.
    pub action_index: Option<&'static phf::Map<&'static str, u32>>,
    /// An optional perfect-hash index from a lower-cased action name without
    /// its prefix to the position of the one action of that name, or
    /// [`AMBIGUOUS`] when several services have it; without it such lookups
    /// scan.
    pub unique_name_index: Option<&'static phf::Map<&'static str, u32>>,
}

/// The value of [`Catalog::unique_name_index`] for a name several services have.
pub const AMBIGUOUS: u32 = u32::MAX;

/// What [`Catalog::named`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named<'c> {
    /// No action has the name.
    Absent,
    /// Exactly one action has it.
    Unique(&'c ActionRecord),
    /// Several services have an action of that name.
    Ambiguous,
}

/// Longest action name looked up without allocating.
const MAX_ACTION: usize = 128;

impl Catalog {
    /// Finds an action by name, ignoring case. Never allocates.
    pub fn action(&self, name: &str) -> Option<&ActionRecord> {
        let mut buf = [0u8; MAX_ACTION];
        let key = lowered(name, &mut buf)?;
        let at = match self.action_index {
            Some(index) => *index.get(key)? as usize,
            None => self
                .actions
                .binary_search_by(|a| compare_actions(&a.name, key))
                .ok()?,
        };
        self.actions.get(at)
    }

    /// The grants of an action.
    pub fn grants_of(&self, action: &ActionRecord) -> impl Iterator<Item = Grant> + '_ {
        let start = action.grants_start as usize;
        self.grants
            .get(start..start + action.grants_len as usize)
            .unwrap_or(&[])
            .iter()
            .map(|&bits| Grant::from_bits(bits))
    }

    /// The indices of the statements that grant `grant`'s action in its
    /// policy's document (empty when the table does not list them).
    pub fn covering(&self, grant: Grant) -> &[u16] {
        let at = grant.covering_at();
        let len = self.covering.get(at).map_or(0, |&n| usize::from(n));
        self.covering.get(at + 1..at + 1 + len).unwrap_or(&[])
    }

    /// Whether the bot may recommend `policy` to a person: written for
    /// people, not excluded, not on the never-grant list (its catch-alls
    /// match nearly every action and are never attached, so they are no
    /// answer of the data's).
    pub fn recommends(&self, policy: &PolicyRecord) -> bool {
        policy.recommendable() && !self.never_grant.contains(&policy.name)
    }

    /// Finds a policy by name or by ARN.
    pub fn policy(&self, name_or_arn: &str) -> Option<&PolicyRecord> {
        let name = if name_or_arn.starts_with("arn:") {
            name_or_arn.rsplit('/').next()?
        } else {
            name_or_arn
        };
        let at = self
            .policies
            .binary_search_by(|p| (*p.name).cmp(name))
            .ok()?;
        let policy = &self.policies[at];
        (!name_or_arn.starts_with("arn:") || policy.arn == name_or_arn).then_some(policy)
    }

    /// Which actions are named `name` (without prefix, any case).
    pub fn named(&self, name: &str) -> Named<'_> {
        match self.unique_name_index {
            Some(index) => match lowered(name, &mut [0u8; MAX_ACTION]).and_then(|k| index.get(k)) {
                None => Named::Absent,
                Some(&AMBIGUOUS) => Named::Ambiguous,
                Some(&at) => self
                    .actions
                    .get(at as usize)
                    .map_or(Named::Absent, Named::Unique),
            },
            None => {
                let mut named = self.actions.iter().filter(|a| {
                    a.name
                        .split_once(':')
                        .is_some_and(|(_, n)| n.eq_ignore_ascii_case(name))
                });
                match (named.next(), named.next()) {
                    (None, _) => Named::Absent,
                    (Some(one), None) => Named::Unique(one),
                    (Some(_), Some(_)) => Named::Ambiguous,
                }
            }
        }
    }

    /// Every action of one service prefix, ignoring case.
    pub fn service_actions(&self, prefix: &str) -> &[ActionRecord] {
        let below = self
            .actions
            .partition_point(|a| cmp_ignore_case(a.prefix(), prefix).is_lt());
        let end = below
            + self.actions[below..]
                .partition_point(|a| cmp_ignore_case(a.prefix(), prefix).is_eq());
        &self.actions[below..end]
    }

    /// Whether any action of the catalog has this service prefix.
    pub fn knows_service(&self, prefix: &str) -> bool {
        !self.service_actions(prefix).is_empty()
    }
}

/// `name` lower-cased into `buf`, without allocating; `None` when it is too
/// long to be an action name.
fn lowered<'b>(name: &str, buf: &'b mut [u8; MAX_ACTION]) -> Option<&'b str> {
    let key = buf.get_mut(..name.len())?;
    key.copy_from_slice(name.as_bytes());
    key.make_ascii_lowercase();
    std::str::from_utf8(key).ok()
}

/// The order of [`Catalog::actions`]: by service prefix, then by action
/// name, both ignoring ASCII case, so that one service's actions stand
/// together (`s3-outposts:*` sorts after `s3:*`).
pub fn compare_actions(a: &str, b: &str) -> std::cmp::Ordering {
    let (ap, an) = a.split_once(':').unwrap_or((a, ""));
    let (bp, bn) = b.split_once(':').unwrap_or((b, ""));
    cmp_ignore_case(ap, bp).then_with(|| cmp_ignore_case(an, bn))
}

/// Compares two strings ignoring ASCII case.
fn cmp_ignore_case(a: &str, b: &str) -> std::cmp::Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grant_keeps_its_fields_apart_up_to_their_limits() {
        let policies = [0, 1, 1594, Grant::MAX_POLICIES - 1];
        let coverings = [0, 1, 2367, Grant::MAX_COVERING - 1];
        for scope in GrantScope::ALL {
            for policy in policies {
                for covering in coverings {
                    let grant = Grant::new(policy as u32, scope, covering as u32);
                    let back = Grant::from_bits(grant.bits());
                    assert_eq!(
                        (back.policy(), back.scope(), back.covering_at()),
                        (policy, scope, covering)
                    );
                }
            }
        }
    }
}
