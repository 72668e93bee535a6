//! Scoring one action: explicit entry, then pattern, then service tier,
//! then access-level default.

use crate::catalog::AccessLevel;

use super::model::{ActionRisk, RiskModel, RiskSource, cmp_ignore_case};
use super::pattern;

impl RiskModel {
    /// The points of one action and the catalog entry that set them.
    ///
    /// `action` is the canonical `prefix:Action` (matched without case);
    /// `level` its access level. The first of these applies:
    ///
    /// 1. an explicit `[[actions]]` entry for the action;
    /// 2. the most specific `[[patterns]]` entry that matches it and applies
    ///    to its level (more literal characters win; ties break the same
    ///    way every time, see [`PatternEntry::specificity`](super::PatternEntry::specificity));
    /// 3. for Write and Permissions management, the cost tier of its service;
    /// 4. the default of its access level.
    pub fn action_risk(&self, action: &str, level: AccessLevel) -> ActionRisk {
        if let Ok(at) = self
            .actions
            .binary_search_by(|e| cmp_ignore_case(&e.action, action))
        {
            return ActionRisk {
                points: self.actions[at].points,
                source: RiskSource::Action(at as u16),
            };
        }
        if let Some(at) = self
            .patterns
            .iter()
            .position(|p| p.applies_to(level) && pattern::matches(&p.pattern, action))
        {
            return ActionRisk {
                points: self.patterns[at].points,
                source: RiskSource::Pattern(at as u16),
            };
        }
        if matches!(
            level,
            AccessLevel::Write | AccessLevel::PermissionsManagement
        ) {
            let prefix = action.split_once(':').map_or(action, |(p, _)| p);
            if let Some((at, service)) = self.service(prefix) {
                let tier = self.tier_of(service);
                let points = match level {
                    AccessLevel::Write => tier.map(|t| t.write),
                    _ => tier.and_then(|t| t.permissions_management),
                };
                if let Some(points) = points {
                    return ActionRisk {
                        points,
                        source: RiskSource::Service(at),
                    };
                }
            }
        }
        ActionRisk {
            points: self.levels[level.index()].points,
            source: RiskSource::Level(level),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::AccessLevel::*;
    use crate::risk::{RiskModel, RiskSource};

    const MODEL: &str = r#"
        [scope]
        restricted = 90
        conditional = 80
        [breadth]
        service_floor = 20
        high = 50
        [levels.list]
        points = 2
        reason = "lists"
        [levels.read]
        points = 5
        reason = "reads"
        [levels.tagging]
        points = 4
        reason = "tags"
        [levels.write]
        points = 40
        reason = "writes"
        [levels.permissions_management]
        points = 60
        reason = "permissions"
        [tiers.low]
        write = 20
        permissions_management = 35
        reason = "cheap"
        [tiers.high]
        write = 55
        reason = "hourly"
        [services]
        s3 = { tier = "low", reason = "storage" }
        ec2 = { tier = "high", reason = "instances" }
        [[actions]]
        action = "ec2:RunInstances"
        risk = 75
        reason = "launches instances"
        [[patterns]]
        pattern = "ec2:Purchase*"
        risk = 90
        reason = "buy commitments"
        [[patterns]]
        pattern = "ec2:*"
        levels = ["Read"]
        risk = 7
        reason = "ec2 reads"
        [[patterns]]
        pattern = "ec2:PurchaseReserved*"
        risk = 95
        reason = "buy reserved instances"
    "#;

    fn model() -> RiskModel {
        RiskModel::from_toml(MODEL).unwrap()
    }

    #[test]
    fn explicit_beats_pattern_and_ignores_case() {
        let m = model();
        let r = m.action_risk("EC2:runinstances", Write);
        assert_eq!(r.points, 75);
        assert!(matches!(r.source, RiskSource::Action(_)));
    }

    #[test]
    fn most_specific_pattern_wins() {
        let m = model();
        assert_eq!(
            m.action_risk("ec2:PurchaseReservedInstancesOffering", Write)
                .points,
            95
        );
        assert_eq!(
            m.action_risk("ec2:PurchaseHostReservation", Write).points,
            90
        );
    }

    #[test]
    fn pattern_level_filter() {
        let m = model();
        assert_eq!(m.action_risk("ec2:DescribeInstances", Read).points, 7);
        // The Read-only pattern does not apply to a list action.
        assert_eq!(m.action_risk("ec2:ListImagesInRecycleBin", List).points, 2);
    }

    #[test]
    fn tier_then_level_default() {
        let m = model();
        let r = m.action_risk("s3:PutObject", Write);
        assert_eq!(r.points, 20);
        assert!(matches!(r.source, RiskSource::Service(_)));
        assert_eq!(
            m.action_risk("s3:PutBucketPolicy", PermissionsManagement)
                .points,
            35
        );
        // The high tier sets no permissions-management points: the level default.
        let r = m.action_risk("ec2:ModifySnapshotAttribute", PermissionsManagement);
        assert_eq!(
            (r.points, r.source),
            (60, RiskSource::Level(PermissionsManagement))
        );
        // Reads never take a tier.
        assert_eq!(m.action_risk("s3:GetObject", Read).points, 5);
        // An unplaced service takes the Write default.
        assert_eq!(m.action_risk("newsvc:DoThing", Write).points, 40);
        assert_eq!(m.action_risk("s3:TagResource", Tagging).points, 4);
    }

    #[test]
    fn reasons_and_names_of_sources() {
        let m = model();
        let r = m.action_risk("ec2:CreateVolume", Write);
        assert_eq!(m.reason(r.source), "instances");
        assert_eq!(m.entry_name(r.source), "ec2 (tier high)");
        let r = m.action_risk("sqs:SendMessage", Write);
        assert_eq!(m.reason(r.source), "writes");
        assert_eq!(m.entry_name(r.source), "level Write");
    }
}
