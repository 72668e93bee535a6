//! Resolve, select and decide over a small catalog built from a snapshot
//! written here, with the real risk catalog: the ranking rules and every
//! decision rule, each tried from the side that could get past it.

use botjinseong_core::analysis::Source;
use botjinseong_core::compile::{Reviewed, compile};
use botjinseong_core::decide::{Config, ConfigError};
use botjinseong_core::exclusion::Exclusions;
use botjinseong_core::natural::Natural;
use botjinseong_core::resolve::{Fit, resolve};
use botjinseong_core::risk::RiskModel;
use botjinseong_core::snapshot::{ActionEntry, PolicyEntry, Snapshot};
use botjinseong_core::{AccessLevel, Analysis, Catalog, Decision, DenialKind, Engine, Variables};
use serde_json::json;

fn action(name: &str, level: AccessLevel) -> ActionEntry {
    ActionEntry {
        action: name.into(),
        level,
        resources: Vec::new(),
        dependent: Vec::new(),
    }
}

fn policy(name: &str, statements: serde_json::Value) -> PolicyEntry {
    PolicyEntry {
        name: name.into(),
        arn: format!("arn:aws:iam::aws:policy/{name}"),
        path: "/".into(),
        version: "v1".into(),
        document: json!({"Version": "2012-10-17", "Statement": statements}),
    }
}

fn catalog() -> Catalog {
    use AccessLevel::*;
    let mut snapshot = Snapshot {
        actions: vec![
            action("s3:GetObject", Read),
            action("s3:PutObject", Write),
            action("s3:ListBucket", List),
            action("rds:CreateDBInstance", Write),
            action("iam:CreateUser", Write),
            action("ec2:RunInstances", Write),
        ],
        policies: vec![
            policy(
                "AdministratorAccess",
                json!([{"Effect": "Allow", "Action": "*", "Resource": "*"}]),
            ),
            policy(
                "AmazonS3ReadOnlyAccess",
                json!([{"Effect": "Allow", "Action": ["s3:Get*", "s3:List*"], "Resource": "*"}]),
            ),
            policy(
                "AmazonS3FullAccess",
                json!([{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]),
            ),
            policy(
                "TinyObjectReader",
                json!([{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]),
            ),
            policy(
                "OtherBucketWriter",
                json!([{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::other/*"}]),
            ),
            policy(
                "ConditionalWriter",
                json!([{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*",
                "Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}}]),
            ),
            policy(
                "AmazonRDSFullAccess",
                json!([{"Effect": "Allow", "Action": "rds:*", "Resource": "*"}]),
            ),
            policy(
                "DataScientistLike",
                json!([{"Effect": "Allow", "Action": ["rds:*", "s3:*", "newsvc:*"], "Resource": "*"}]),
            ),
            PolicyEntry {
                path: "/service-role/".into(),
                arn: "arn:aws:iam::aws:policy/service-role/S3Role".into(),
                ..policy(
                    "S3Role",
                    json!([{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]),
                )
            },
        ],
    };
    snapshot.sort();
    let risk = RiskModel::from_toml(include_str!("../../data/risk.toml")).unwrap();
    let exclusions = Exclusions::from_toml(include_str!("../../data/exclusions.toml")).unwrap();
    let natural = Natural::from_toml(include_str!("../../data/natural.toml")).unwrap();
    compile(
        &snapshot,
        &Reviewed {
            risk: &risk,
            exclusions: &exclusions,
            natural: &natural,
        },
    )
    .unwrap()
}

fn msg(principal: &str, action: &str, resource: &str, tail: &str) -> String {
    format!(
        "User: {principal} is not authorized to perform: {action} on resource: {resource} {tail}"
    )
}

const STUDENT: &str = "arn:aws:iam::123456789012:user/student01";
const IMPLICIT: &str = "because no identity-based policy allows the action";

/// Whether one of the analysis's reasons holds `words`.
fn gives_reason(a: &Analysis, words: &str) -> bool {
    a.reasons.iter().any(|r| r.contains(words))
}

fn names<'c>(catalog: &'c Catalog, action: &str, resource: Option<&str>) -> Vec<&'c str> {
    resolve(catalog, action, resource, Variables::default())
        .candidates
        .iter()
        .map(|c| &*c.policy.name)
        .collect()
}

#[test]
fn the_services_own_read_only_policy_beats_a_smaller_one() {
    let c = catalog();
    let ranked = names(&c, "s3:GetObject", None);
    assert_eq!(ranked[0], "AmazonS3ReadOnlyAccess", "{ranked:?}");
    assert!(ranked.contains(&"TinyObjectReader"));
    assert!(
        !ranked.contains(&"S3Role"),
        "service-role policies are never candidates"
    );
    assert!(
        !ranked.contains(&"AdministratorAccess"),
        "never-grant catch-alls are no answer"
    );
}

#[test]
fn a_known_resource_drops_policies_that_do_not_cover_it_and_conditions_rank_last() {
    let c = catalog();
    let resource = Some("arn:aws:s3:::course/notes.txt");
    let ranked = resolve(&c, "s3:PutObject", resource, Variables::default());
    let names: Vec<&str> = ranked.candidates.iter().map(|c| &*c.policy.name).collect();
    assert!(!names.contains(&"OtherBucketWriter"), "{names:?}");
    let last = ranked.candidates.last().unwrap();
    assert_eq!(
        (&*last.policy.name, last.fit),
        ("ConditionalWriter", Fit::Conditional)
    );
    assert!(
        ranked.candidates[..ranked.candidates.len() - 1]
            .iter()
            .all(|c| c.fit == Fit::Covers)
    );
    let other = names_for_other_bucket(&c);
    assert!(
        other.contains(&"OtherBucketWriter".to_string()),
        "{other:?}"
    );
}

fn names_for_other_bucket(c: &Catalog) -> Vec<String> {
    resolve(
        c,
        "s3:PutObject",
        Some("arn:aws:s3:::other/x"),
        Variables::default(),
    )
    .candidates
    .iter()
    .map(|c| c.policy.name.to_string())
    .collect()
}

#[test]
fn an_action_the_snapshot_lacks_is_matched_by_pattern() {
    let c = catalog();
    let r = resolve(&c, "newsvc:DoThing", None, Variables::default());
    assert_eq!(r.source, Source::Pattern);
    let names: Vec<&str> = r.candidates.iter().map(|c| &*c.policy.name).collect();
    assert_eq!(
        names,
        ["DataScientistLike"],
        "AdministratorAccess is no answer"
    );
}

#[test]
fn low_risk_grants_for_an_iam_user_are_automatic() {
    let c = catalog();
    let engine = Engine::new(&c, Config::default());
    let a = engine.analyze(&msg(STUDENT, "s3:GetObject", "arn:aws:s3:::b/k", IMPLICIT));
    let r = a.recommendation.as_ref().unwrap();
    assert_eq!(r.policy_name, "AmazonS3ReadOnlyAccess");
    assert!(r.risk < 50);
    assert_eq!(a.decision, Decision::AutoGrant, "{:?}", a.reasons);
}

#[test]
fn every_rule_that_requires_approval_holds() {
    let c = catalog();
    let engine = Engine::new(&c, Config::default());
    // At or above the threshold.
    let a = engine.analyze(&msg(
        STUDENT,
        "rds:CreateDBInstance",
        "arn:aws:rds:us-east-1:123456789012:db:x",
        IMPLICIT,
    ));
    assert_eq!(
        a.recommendation.as_ref().unwrap().policy_name,
        "AmazonRDSFullAccess"
    );
    assert_eq!(a.decision, Decision::NeedsApproval);
    assert!(
        gives_reason(&a, "at or above the threshold"),
        "{:?}",
        a.reasons
    );
    // Not an IAM user.
    let role = "arn:aws:sts::123456789012:assumed-role/Lab/student01";
    let a = engine.analyze(&msg(role, "s3:GetObject", "arn:aws:s3:::b/k", IMPLICIT));
    assert_eq!(a.decision, Decision::NeedsApproval);
    assert!(gives_reason(&a, "not an IAM user"), "{:?}", a.reasons);
    // No caller in the message: said as such, not as a caller of another kind.
    let a = engine.analyze(
        "An error occurred (AccessDenied) when calling the GetObject operation: Access Denied",
    );
    assert_eq!(a.decision, Decision::NeedsApproval);
    assert!(
        gives_reason(&a, "the message names no IAM user as the caller"),
        "{:?}",
        a.reasons
    );
    assert!(!gives_reason(&a, "not an IAM user"), "{:?}", a.reasons);
    // A lower threshold.
    let strict = Engine::new(
        &c,
        Config {
            threshold: 1,
            ..Config::default()
        },
    );
    let a = strict.analyze(&msg(STUDENT, "s3:GetObject", "arn:aws:s3:::b/k", IMPLICIT));
    assert_eq!(a.decision, Decision::NeedsApproval);
    // A configured never-grant policy, by ARN.
    let never = Engine::new(
        &c,
        Config {
            never_grant: vec!["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess".into()],
            ..Config::default()
        },
    );
    let a = never.analyze(&msg(STUDENT, "s3:GetObject", "arn:aws:s3:::b/k", IMPLICIT));
    assert_eq!(a.decision, Decision::NeedsApproval);
    assert!(gives_reason(&a, "never-grant"), "{:?}", a.reasons);
}

#[test]
fn denials_no_identity_policy_can_lift_are_not_fixable_and_say_who_can() {
    let c = catalog();
    let engine = Engine::new(&c, Config::default());
    let cases = [
        (
            "with an explicit deny in a service control policy",
            DenialKind::Scp,
            "Organizations",
        ),
        (
            "because no permissions boundary allows the s3:GetObject action",
            DenialKind::PermissionsBoundary,
            "permissions boundary",
        ),
        (
            "because no resource-based policy allows the s3:GetObject action",
            DenialKind::ResourcePolicy,
            "owner",
        ),
        (
            "with an explicit deny in an identity-based policy",
            DenialKind::ExplicitIdentity,
            "explicit deny",
        ),
    ];
    for (tail, kind, who) in cases {
        let a = engine.analyze(&msg(STUDENT, "s3:GetObject", "arn:aws:s3:::b/k", tail));
        assert_eq!(a.parsed.denial, kind, "{tail}");
        assert_eq!(a.decision, Decision::NotFixable, "{tail}");
        assert!(a.explanation.contains(who), "{tail}: {}", a.explanation);
    }
}

#[test]
fn nothing_to_grant_is_unresolved() {
    let c = catalog();
    let engine = Engine::new(&c, Config::default());
    let a = engine.analyze("Access Denied");
    assert_eq!(a.decision, Decision::Unresolved);
    assert!(a.recommendation.is_none());
    assert_eq!(a.reasons, ["the message names no IAM action"]);
    let a = engine.analyze(&msg(
        STUDENT,
        "iam:CreateUser",
        "arn:aws:iam::123456789012:user/x",
        IMPLICIT,
    ));
    assert_eq!(
        a.decision,
        Decision::Unresolved,
        "only AdministratorAccess grants it"
    );
    assert!(a.recommendation.is_none());
    assert_eq!(
        a.reasons,
        ["no AWS managed policy for people grants the denied action"]
    );
    let a = engine.analyze(
        "UnauthorizedOperation: You are not authorized to perform this operation. \
         Encoded authorization failure message: AbCd-123_x",
    );
    assert_eq!(a.parsed.denial, DenialKind::Encoded);
    assert_eq!(a.decision, Decision::Unresolved);
    assert!(a.recommendation.is_none());
    assert_eq!(
        a.explanation,
        "AWS hid the reason in an encoded message. Ask someone allowed \
         sts:DecodeAuthorizationMessage to decode it, then try again with the decoded text."
    );
}

#[test]
fn several_actions_get_the_fewest_policies() {
    let c = catalog();
    let engine = Engine::new(&c, Config::default());
    let both = format!(
        "{}\n{}",
        msg(STUDENT, "s3:GetObject", "arn:aws:s3:::b/k", IMPLICIT),
        msg(STUDENT, "s3:PutObject", "arn:aws:s3:::b/k", IMPLICIT)
    );
    let a = engine.analyze(&both);
    assert_eq!(a.parsed.actions, ["s3:GetObject", "s3:PutObject"]);
    let r = a.recommendation.unwrap();
    assert_eq!(r.policy_name, "AmazonS3FullAccess");
    assert!(r.also.is_empty());
    let split = format!(
        "{}\n{}",
        msg(STUDENT, "s3:GetObject", "arn:aws:s3:::b/k", IMPLICIT),
        msg(STUDENT, "ec2:RunInstances", "*", IMPLICIT)
    );
    let a = engine.analyze(&split);
    assert_eq!(
        a.decision,
        Decision::NeedsApproval,
        "ec2:RunInstances is not covered"
    );
    assert!(
        a.reasons
            .iter()
            .any(|r| r.contains("does not cover every denied action"))
    );
}

#[test]
fn thresholds_are_read_strictly() {
    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }
    assert_eq!(Config::from_lookup(env(&[])).unwrap(), Config::default());
    let c = Config::from_lookup(env(&[
        ("BOTJINSEONG_RISK_THRESHOLD", " 30 "),
        ("BOTJINSEONG_NEVER_GRANT", "A, ,B"),
    ]))
    .unwrap();
    assert_eq!(
        (c.threshold, c.never_grant),
        (30, vec!["A".to_string(), "B".to_string()])
    );
    for bad in ["0", "102", "-1", "fifty", ""] {
        let got = Config::from_lookup(env(&[("BOTJINSEONG_RISK_THRESHOLD", bad)]));
        assert_eq!(got, Err(ConfigError::Threshold(bad.into())), "{bad}");
    }
}

#[test]
fn names_are_looked_up_without_an_index_too() {
    use botjinseong_core::catalog::Named;
    let c = catalog();
    assert!(c.unique_name_index.is_none());
    assert!(matches!(c.named("runinstances"), Named::Unique(a) if a.name == "ec2:RunInstances"));
    assert_eq!(c.named("Nope"), Named::Absent);
    let a = Engine::new(&c, Config::default()).analyze(
        "An error occurred (AccessDenied) when calling the RunInstances operation: denied",
    );
    assert_eq!(a.parsed.inferred_actions, ["ec2:RunInstances"]);
}
