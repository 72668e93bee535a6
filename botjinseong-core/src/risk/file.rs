//! Reading a risk catalog from TOML, and checking every entry.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;

use crate::catalog::AccessLevel;

use super::error::RiskError;
use super::model::{
    ActionEntry, Breadth, LevelDefault, NeverGrant, PatternEntry, RiskModel, ScopeWeights,
    ServiceEntry, Tier, cmp_ignore_case,
};
use super::pattern;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    scope: ScopeFile,
    breadth: BreadthFile,
    levels: LevelsFile,
    tiers: BTreeMap<String, TierFile>,
    #[serde(default)]
    services: BTreeMap<String, ServiceFile>,
    #[serde(default)]
    actions: Vec<ActionFile>,
    #[serde(default)]
    patterns: Vec<PatternFile>,
    #[serde(default)]
    never_grant: Vec<NeverGrantFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScopeFile {
    restricted: u8,
    conditional: u8,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BreadthFile {
    service_floor: u8,
    high: u8,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LevelsFile {
    list: LevelFile,
    read: LevelFile,
    tagging: LevelFile,
    write: LevelFile,
    permissions_management: LevelFile,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LevelFile {
    points: u8,
    reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TierFile {
    write: u8,
    permissions_management: Option<u8>,
    reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ServiceFile {
    tier: String,
    reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionFile {
    action: String,
    risk: u8,
    reason: String,
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternFile {
    pattern: String,
    levels: Option<Vec<String>>,
    risk: u8,
    reason: String,
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NeverGrantFile {
    name: String,
    reason: String,
}

impl RiskModel {
    /// Reads and checks a risk catalog (the format of `data/risk.toml`).
    ///
    /// Every point value must be 1–100, every reason a non-empty single
    /// line, every source an `https://` address, every service's tier
    /// defined, and no action, pattern, service or never-grant name may
    /// appear twice. The error names the offending entry.
    pub fn from_toml(text: &str) -> Result<RiskModel, RiskError> {
        let file: File = toml::from_str(text)?;

        let scope = ScopeWeights {
            restricted: percent("scope.restricted", file.scope.restricted)?,
            conditional: percent("scope.conditional", file.scope.conditional)?,
        };
        let breadth = Breadth {
            service_floor: points("breadth.service_floor", file.breadth.service_floor)?,
            high: points("breadth.high", file.breadth.high)?,
        };

        let l = file.levels;
        let levels = [
            level("levels.list", l.list)?,
            level("levels.read", l.read)?,
            level("levels.tagging", l.tagging)?,
            level("levels.write", l.write)?,
            level("levels.permissions_management", l.permissions_management)?,
        ];

        let mut tiers = Vec::with_capacity(file.tiers.len());
        for (name, t) in &file.tiers {
            let entry = format!("tiers.{name}");
            tiers.push(Tier {
                name: Cow::Owned(name.clone()),
                write: points(&entry, t.write)?,
                permissions_management: t
                    .permissions_management
                    .map(|p| points(&entry, p))
                    .transpose()?,
                reason: reason(&entry, &t.reason)?,
            });
        }

        let mut services = Vec::with_capacity(file.services.len());
        for (prefix, s) in &file.services {
            let entry = format!("services.{prefix}");
            if prefix.is_empty() || prefix.contains([':', '*', '?']) {
                return Err(RiskError::entry(entry, "not an IAM service prefix"));
            }
            let tier = file
                .tiers
                .keys()
                .position(|t| *t == s.tier)
                .ok_or_else(|| RiskError::entry(&entry, format!("no tier named `{}`", s.tier)))?;
            services.push(ServiceEntry {
                prefix: Cow::Owned(prefix.clone()),
                tier: tier as u16,
                reason: reason(&entry, &s.reason)?,
            });
        }
        services.sort_by(|a, b| cmp_ignore_case(&a.prefix, &b.prefix));
        if let Some(w) = services
            .windows(2)
            .find(|w| cmp_ignore_case(&w[0].prefix, &w[1].prefix).is_eq())
        {
            return Err(RiskError::entry(&*w[1].prefix, "service placed twice"));
        }

        let mut actions = Vec::with_capacity(file.actions.len());
        for a in file.actions {
            let entry = a.action.as_str();
            match a.action.split_once(':') {
                Some((p, n)) if !p.is_empty() && !n.is_empty() => {}
                _ => return Err(RiskError::entry(entry, "an action is `prefix:Action`")),
            }
            if a.action.contains(['*', '?']) {
                return Err(RiskError::entry(
                    entry,
                    "an action with wildcards belongs in [[patterns]]",
                ));
            }
            actions.push(ActionEntry {
                points: points(entry, a.risk)?,
                reason: reason(entry, &a.reason)?,
                source: source(entry, a.source)?,
                action: Cow::Owned(a.action),
            });
        }
        actions.sort_by(|a, b| cmp_ignore_case(&a.action, &b.action));
        if let Some(w) = actions
            .windows(2)
            .find(|w| cmp_ignore_case(&w[0].action, &w[1].action).is_eq())
        {
            return Err(RiskError::entry(&*w[1].action, "action listed twice"));
        }

        let mut patterns = Vec::with_capacity(file.patterns.len());
        let mut seen = HashSet::new();
        for p in file.patterns {
            let entry = p.pattern.as_str();
            pattern::check(entry).map_err(|problem| RiskError::entry(entry, problem))?;
            let levels = match &p.levels {
                None => PatternEntry::ALL_LEVELS,
                Some(names) if names.is_empty() => {
                    return Err(RiskError::entry(
                        entry,
                        "`levels` is empty; omit it for all",
                    ));
                }
                Some(names) => {
                    let mut bits = 0;
                    for name in names {
                        let level = AccessLevel::ALL
                            .into_iter()
                            .find(|l| l.as_str() == name)
                            .ok_or_else(|| {
                                RiskError::entry(
                                    entry,
                                    format!(
                                        "unknown access level `{name}` (List, Read, Tagging, \
                                         Write, Permissions management)"
                                    ),
                                )
                            })?;
                        bits |= 1 << level.index();
                    }
                    bits
                }
            };
            if !seen.insert((p.pattern.to_ascii_lowercase(), levels)) {
                return Err(RiskError::entry(entry, "pattern listed twice"));
            }
            patterns.push(PatternEntry {
                levels,
                points: points(entry, p.risk)?,
                reason: reason(entry, &p.reason)?,
                source: source(entry, p.source)?,
                pattern: Cow::Owned(p.pattern),
            });
        }
        // Most specific first, then the higher points, then by text: the
        // first match in this order is the one that applies.
        patterns.sort_by(|a, b| {
            b.specificity()
                .cmp(&a.specificity())
                .then(b.points.cmp(&a.points))
                .then_with(|| cmp_ignore_case(&a.pattern, &b.pattern))
                .then(a.levels.cmp(&b.levels))
        });

        let mut never_grant = Vec::with_capacity(file.never_grant.len());
        for n in file.never_grant {
            if never_grant.iter().any(|g: &NeverGrant| g.name == n.name) {
                return Err(RiskError::entry(n.name, "never-grant policy listed twice"));
            }
            if n.name.is_empty() || n.name.contains(['/', ':', '*']) {
                return Err(RiskError::entry(
                    n.name,
                    "a never-grant entry is a policy name",
                ));
            }
            never_grant.push(NeverGrant {
                reason: reason(&n.name, &n.reason)?,
                name: Cow::Owned(n.name),
            });
        }

        for (table, len) in [
            ("tiers", tiers.len()),
            ("services", services.len()),
            ("actions", actions.len()),
            ("patterns", patterns.len()),
        ] {
            if len > u16::MAX as usize {
                return Err(RiskError::entry(table, "more than 65,535 entries"));
            }
        }

        Ok(RiskModel {
            levels,
            tiers: Cow::Owned(tiers),
            services: Cow::Owned(services),
            actions: Cow::Owned(actions),
            patterns: Cow::Owned(patterns),
            scope,
            breadth,
            never_grant: Cow::Owned(never_grant),
        })
    }
}

fn points(entry: &str, value: u8) -> Result<u8, RiskError> {
    if (1..=100).contains(&value) {
        Ok(value)
    } else {
        Err(RiskError::entry(
            entry,
            format!("risk {value} is outside 1–100"),
        ))
    }
}

fn percent(entry: &str, value: u8) -> Result<u8, RiskError> {
    if (1..=100).contains(&value) {
        Ok(value)
    } else {
        Err(RiskError::entry(
            entry,
            format!("{value} % is outside 1–100"),
        ))
    }
}

fn level(entry: &str, l: LevelFile) -> Result<LevelDefault, RiskError> {
    Ok(LevelDefault {
        points: points(entry, l.points)?,
        reason: reason(entry, &l.reason)?,
    })
}

fn reason(entry: &str, text: &str) -> Result<Cow<'static, str>, RiskError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(RiskError::entry(entry, "every entry needs a `reason`"));
    }
    if text.contains('\n') {
        return Err(RiskError::entry(entry, "a reason is one line"));
    }
    Ok(Cow::Owned(text.to_owned()))
}

fn source(entry: &str, url: Option<String>) -> Result<Option<Cow<'static, str>>, RiskError> {
    match url {
        Some(u) if !u.starts_with("https://") || u.contains(char::is_whitespace) => Err(
            RiskError::entry(entry, format!("source `{u}` is not an https:// address")),
        ),
        other => Ok(other.map(Cow::Owned)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r#"
        [scope]
        restricted = 90
        conditional = 80
        [breadth]
        service_floor = 20
        high = 50
        [levels]
        list = { points = 2, reason = "l" }
        read = { points = 5, reason = "r" }
        tagging = { points = 4, reason = "t" }
        write = { points = 40, reason = "w" }
        permissions_management = { points = 60, reason = "p" }
        [tiers.low]
        write = 20
        reason = "cheap"
    "#;

    fn err(tail: &str) -> String {
        RiskModel::from_toml(&format!("{HEAD}\n{tail}"))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn a_minimal_catalog_reads() {
        let m = RiskModel::from_toml(HEAD).unwrap();
        assert_eq!(m.levels[AccessLevel::Write.index()].points, 40);
        assert_eq!(m.tiers.len(), 1);
        assert_eq!(m.never_grant().count(), 0);
    }

    #[test]
    fn bad_entries_are_named() {
        let e = err("[services]\nec2 = { tier = \"huge\", reason = \"x\" }");
        assert!(e.contains("services.ec2") && e.contains("huge"), "{e}");
        let e = err("[[actions]]\naction = \"ec2:RunInstances\"\nrisk = 0\nreason = \"x\"");
        assert!(
            e.contains("ec2:RunInstances") && e.contains("outside"),
            "{e}"
        );
        let e = err("[[actions]]\naction = \"RunInstances\"\nrisk = 5\nreason = \"x\"");
        assert!(
            e.contains("`RunInstances`") && e.contains("prefix:Action"),
            "{e}"
        );
        let e = err("[[actions]]\naction = \"ec2:RunInstances\"\nrisk = 5\nreason = \"  \"");
        assert!(e.contains("reason"), "{e}");
        let e = err(
            "[[actions]]\naction = \"ec2:RunInstances\"\nrisk = 5\nreason = \"x\"\nsource = \"aws.amazon.com\"",
        );
        assert!(e.contains("https://"), "{e}");
        let e = err(
            "[[actions]]\naction = \"ec2:A\"\nrisk = 5\nreason = \"x\"\n\
             [[actions]]\naction = \"EC2:a\"\nrisk = 6\nreason = \"y\"",
        );
        assert!(e.contains("twice"), "{e}");
        let e = err(
            "[[patterns]]\npattern = \"ec2:Run*\"\nlevels = [\"Wrte\"]\nrisk = 5\nreason = \"x\"",
        );
        assert!(e.contains("ec2:Run*") && e.contains("Wrte"), "{e}");
        let e = err("[[patterns]]\npattern = \"*:Run*\"\nrisk = 5\nreason = \"x\"");
        assert!(e.contains("literal"), "{e}");
        let e = err(
            "[[never_grant]]\nname = \"A\"\nreason = \"x\"\n[[never_grant]]\nname = \"A\"\nreason = \"y\"",
        );
        assert!(e.contains("`A`") && e.contains("twice"), "{e}");
        let e = err("[unknown]\nx = 1");
        assert!(e.contains("unknown"), "{e}");
    }

    #[test]
    fn patterns_sort_most_specific_first() {
        let m = RiskModel::from_toml(&format!(
            "{HEAD}\n[[patterns]]\npattern = \"iam:*\"\nrisk = 80\nreason = \"a\"\n\
             [[patterns]]\npattern = \"iam:Put*Policy\"\nrisk = 95\nreason = \"b\"\n\
             [[patterns]]\npattern = \"iam:Put*\"\nrisk = 90\nreason = \"c\""
        ))
        .unwrap();
        let order: Vec<&str> = m.patterns.iter().map(|p| &*p.pattern).collect();
        assert_eq!(order, ["iam:Put*Policy", "iam:Put*", "iam:*"]);
    }
}
