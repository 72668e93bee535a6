//! The advisor's trust boundary, without a network: every kind of answer a
//! model may give, good or hostile, checked against a small catalog built
//! from the real cost-risk catalog and exclusion list.

use botjinseong_core::advisor::{
    Answer, AnsweredAction, AnsweredPolicy, KeptPolicy, MAX_ITEMS, Validated, validate,
};
use botjinseong_core::compile::{Reviewed, compile};
use botjinseong_core::exclusion::Exclusions;
use botjinseong_core::natural::Natural;
use botjinseong_core::risk::RiskModel;
use botjinseong_core::snapshot::Snapshot;
use botjinseong_core::{Access, Catalog};

const RISK: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/risk.toml"));
const EXCLUSIONS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../data/exclusions.toml"
));

const ACTIONS: &str = r#"
{"action":"s3:GetObject","level":"Read","resources":[{"name":"object","arn":"arn:${Partition}:s3:::${BucketName}/${ObjectName}"}]}
{"action":"s3:PutObject","level":"Write","resources":[{"name":"object","arn":"arn:${Partition}:s3:::${BucketName}/${ObjectName}"}]}
{"action":"s3:ListAllMyBuckets","level":"List"}
{"action":"ec2:DescribeInstances","level":"List"}
{"action":"ec2:RunInstances","level":"Write"}
{"action":"iam:CreateUser","level":"Write"}
"#;

const POLICIES: &str = r#"
{"name":"AdministratorAccess","arn":"arn:aws:iam::aws:policy/AdministratorAccess","path":"/","version":"v1","document":{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}}
{"name":"PowerUserAccess","arn":"arn:aws:iam::aws:policy/PowerUserAccess","path":"/","version":"v1","document":{"Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"}]}}
{"name":"AmazonS3ReadOnlyAccess","arn":"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess","path":"/","version":"v1","document":{"Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"*"}]}}
{"name":"AmazonS3FullAccess","arn":"arn:aws:iam::aws:policy/AmazonS3FullAccess","path":"/","version":"v1","document":{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}}
{"name":"ClassBucketRead","arn":"arn:aws:iam::aws:policy/ClassBucketRead","path":"/","version":"v1","document":{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::class-bucket/*"}]}}
{"name":"TaggedS3Read","arn":"arn:aws:iam::aws:policy/TaggedS3Read","path":"/","version":"v1","document":{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/class":"cs101"}}}]}}
{"name":"NoS3Writes","arn":"arn:aws:iam::aws:policy/NoS3Writes","path":"/","version":"v1","document":{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Action":"s3:Put*","Resource":"*"}]}}
{"name":"AmazonEC2ReadOnlyAccess","arn":"arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess","path":"/","version":"v1","document":{"Statement":[{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}]}}
{"name":"AmazonS3ObjectLambdaExecutionRolePolicy","arn":"arn:aws:iam::aws:policy/service-role/AmazonS3ObjectLambdaExecutionRolePolicy","path":"/service-role/","version":"v1","document":{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}}
{"name":"GlueDemoRolePolicy","arn":"arn:aws:iam::aws:policy/GlueDemoRolePolicy","path":"/","version":"v1","document":{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}}
"#;

fn catalog() -> Catalog {
    let risk = RiskModel::from_toml(RISK).unwrap();
    let exclusions = Exclusions::from_toml(EXCLUSIONS).unwrap();
    let natural = Natural::default();
    let snapshot = Snapshot::read(ACTIONS, POLICIES).unwrap();
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

fn action(name: &str, new: bool) -> AnsweredAction {
    AnsweredAction {
        action: name.into(),
        new,
        reason: "the error names it".into(),
    }
}

fn policy(arn: &str, action: &str) -> AnsweredPolicy {
    AnsweredPolicy {
        policy_arn: arn.into(),
        action: action.into(),
        reason: "it grants it".into(),
    }
}

fn managed(name: &str) -> String {
    format!("arn:aws:iam::aws:policy/{name}")
}

/// An answer for one action with the given policy ARNs.
fn answer(act: &str, arns: &[&str]) -> Answer {
    Answer {
        actions: vec![action(act, false)],
        policies: arns.iter().map(|a| policy(a, act)).collect(),
    }
}

fn kept_names(v: &Validated<'_>) -> Vec<String> {
    v.policies
        .iter()
        .map(|k| k.policy.name.to_string())
        .collect()
}

/// The one reason that mentions `needle`.
fn reason_with<'v>(v: &'v Validated<'_>, needle: &str) -> &'v str {
    let found: Vec<&String> = v.reasons.iter().filter(|r| r.contains(needle)).collect();
    assert_eq!(
        found.len(),
        1,
        "one reason with {needle:?} in {:?}",
        v.reasons
    );
    found[0]
}

#[test]
fn a_good_answer_keeps_catalog_spelling_and_catalog_risk_best_first() {
    let catalog = catalog();
    let answer = Answer {
        actions: vec![action("S3:getobject", false)],
        policies: vec![
            policy(&managed("AmazonS3FullAccess"), "s3:GetObject"),
            policy(&managed("AmazonS3ReadOnlyAccess"), "s3:getObject"),
        ],
    };
    let v = validate(&catalog, &answer, None);
    assert!(v.reasons.is_empty(), "{:?}", v.reasons);
    assert_eq!(v.actions.len(), 1);
    assert_eq!(v.actions[0].action, "s3:GetObject");
    assert!(v.actions[0].known);
    assert_eq!(
        kept_names(&v),
        ["AmazonS3ReadOnlyAccess", "AmazonS3FullAccess"]
    );
    for kept in &v.policies {
        let record = catalog.policy(&kept.policy.arn).unwrap();
        assert_eq!(kept.risk(), record.risk.risk);
        assert_eq!(kept.action, "s3:GetObject");
        assert_eq!(kept.access, Access::Granted);
    }
    let (read, full) = (&v.policies[0], &v.policies[1]);
    assert!(
        read.risk() < full.risk(),
        "{} < {}",
        read.risk(),
        full.risk()
    );
}

#[test]
fn administrator_access_for_a_read_action_is_dropped() {
    let catalog = catalog();
    let v = validate(
        &catalog,
        &answer(
            "ec2:DescribeInstances",
            &[&managed("AdministratorAccess"), &managed("PowerUserAccess")],
        ),
        None,
    );
    assert!(v.policies.is_empty());
    assert_eq!(v.actions.len(), 1, "the action itself is fine");
    assert!(reason_with(&v, "AdministratorAccess\":").contains("never-grant"));
    assert!(reason_with(&v, "PowerUserAccess\":").contains("never-grant"));
}

#[test]
fn a_safe_policy_survives_next_to_a_dangerous_one() {
    let catalog = catalog();
    let v = validate(
        &catalog,
        &answer(
            "ec2:DescribeInstances",
            &[
                &managed("AdministratorAccess"),
                &managed("AmazonEC2ReadOnlyAccess"),
            ],
        ),
        None,
    );
    assert_eq!(kept_names(&v), ["AmazonEC2ReadOnlyAccess"]);
    assert_eq!(v.reasons.len(), 1);
}

#[test]
fn customer_managed_and_made_up_arns_are_dropped() {
    let catalog = catalog();
    let v = validate(
        &catalog,
        &answer(
            "s3:GetObject",
            &[
                "arn:aws:iam::123456789012:policy/x",
                &managed("AmazonS3ReadOnlyAccessV2"),
                "AmazonS3ReadOnlyAccess",
                "arn:aws:iam::aws:policy/job-function/AmazonS3ReadOnlyAccess",
                "arn:aws:s3:::class-bucket",
            ],
        ),
        None,
    );
    assert!(v.policies.is_empty(), "{:?}", kept_names(&v));
    assert_eq!(v.reasons.len(), 5, "{:?}", v.reasons);
    assert!(
        reason_with(&v, "123456789012").contains("customer-managed policy of account 123456789012")
    );
    assert!(reason_with(&v, "ReadOnlyAccessV2").contains("no AWS managed policy has this ARN"));
    assert!(
        reason_with(&v, "\"AmazonS3ReadOnlyAccess\"")
            .contains("not the ARN of an AWS managed policy"),
        "a bare name is not an ARN"
    );
    assert!(
        reason_with(&v, "job-function").contains(
            "AWS's policy of that name is arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
        ),
        "a wrong path is no match, but the reason points to the real one"
    );
    assert!(reason_with(&v, "class-bucket").contains("not the ARN of an AWS managed policy"));
}

#[test]
fn service_role_and_excluded_policies_are_dropped() {
    let catalog = catalog();
    let v = validate(
        &catalog,
        &answer(
            "s3:GetObject",
            &[
                "arn:aws:iam::aws:policy/service-role/AmazonS3ObjectLambdaExecutionRolePolicy",
                &managed("GlueDemoRolePolicy"),
            ],
        ),
        None,
    );
    assert!(v.policies.is_empty());
    assert!(reason_with(&v, "ObjectLambda").contains("service-role policy"));
    assert!(reason_with(&v, "GlueDemo").contains("never recommended to people"));
}

#[test]
fn a_policy_that_does_not_grant_the_action_is_dropped() {
    let catalog = catalog();
    let v = validate(
        &catalog,
        &answer(
            "s3:PutObject",
            &[
                &managed("AmazonS3ReadOnlyAccess"),
                &managed("AmazonEC2ReadOnlyAccess"),
                &managed("NoS3Writes"),
            ],
        ),
        None,
    );
    assert!(v.policies.is_empty(), "{:?}", kept_names(&v));
    assert!(reason_with(&v, "AmazonS3ReadOnlyAccess\":").contains("does not grant s3:PutObject"));
    assert!(reason_with(&v, "AmazonEC2ReadOnlyAccess\":").contains("does not grant s3:PutObject"));
    assert!(reason_with(&v, "NoS3Writes\":").contains("explicitly denies s3:PutObject"));
}

#[test]
fn grants_are_checked_on_the_resource_named() {
    let catalog = catalog();
    let arns = [
        &*managed("ClassBucketRead"),
        &managed("AmazonS3ReadOnlyAccess"),
    ];
    let inside = validate(
        &catalog,
        &answer("s3:GetObject", &arns),
        Some("arn:aws:s3:::class-bucket/notes.txt"),
    );
    assert_eq!(inside.policies.len(), 2, "{:?}", inside.reasons);
    let outside = validate(
        &catalog,
        &answer("s3:GetObject", &arns),
        Some("arn:aws:s3:::other-bucket/notes.txt"),
    );
    assert_eq!(kept_names(&outside), ["AmazonS3ReadOnlyAccess"]);
    assert!(
        reason_with(&outside, "ClassBucketRead\":")
            .contains("does not grant s3:GetObject on arn:aws:s3:::other-bucket/notes.txt")
    );
}

#[test]
fn an_unconditional_grant_ranks_before_a_conditional_one() {
    let catalog = catalog();
    let v = validate(
        &catalog,
        &answer(
            "s3:GetObject",
            &[&managed("TaggedS3Read"), &managed("AmazonS3FullAccess")],
        ),
        None,
    );
    let order: Vec<(&str, Access)> = v
        .policies
        .iter()
        .map(|k: &KeptPolicy<'_>| (&*k.policy.name, k.access))
        .collect();
    assert_eq!(
        order,
        [
            ("AmazonS3FullAccess", Access::Granted),
            ("TaggedS3Read", Access::Conditional)
        ]
    );
}

#[test]
fn actions_must_be_well_formed_and_known_or_flagged_new() {
    let catalog = catalog();
    let answer = Answer {
        actions: vec![
            action("s3:*", false),
            action("s3 GetObject", false),
            action("madeup:DoThing", true),
            action("s3:GetObjectz", false),
            action("s3:GetObjectTorrentV9", true),
            action("ec2:DescribeInstances", false),
            action("EC2:describeinstances", false),
        ],
        policies: vec![
            policy(&managed("AmazonS3ReadOnlyAccess"), "s3:GetObjectTorrentV9"),
            policy(&managed("AmazonS3ReadOnlyAccess"), "s3:GetObjectz"),
            policy(&managed("AmazonS3FullAccess"), "s3:*"),
        ],
    };
    let v = validate(&catalog, &answer, None);
    let actions: Vec<(&str, bool)> = v
        .actions
        .iter()
        .map(|a| (a.action.as_str(), a.known))
        .collect();
    assert_eq!(
        actions,
        [
            ("s3:GetObjectTorrentV9", false),
            ("ec2:DescribeInstances", true)
        ],
        "a new action of a known service is kept; repeats are kept once"
    );
    assert!(reason_with(&v, "\"s3:*\":").contains("not of the form prefix:Action"));
    assert!(reason_with(&v, "s3 GetObject").contains("not of the form prefix:Action"));
    assert!(reason_with(&v, "madeup").contains("no AWS service has the prefix \"madeup\""));
    assert!(reason_with(&v, "action \"s3:GetObjectz\"").contains("did not flag it as new"));
    // The new action is granted by pattern (s3:Get*); the pairs whose
    // action was dropped are dropped too.
    assert_eq!(kept_names(&v), ["AmazonS3ReadOnlyAccess"]);
    assert_eq!(v.policies[0].action, "s3:GetObjectTorrentV9");
    assert!(reason_with(&v, "for \"s3:GetObjectz\"").contains("not among the actions kept"));
    assert!(reason_with(&v, "for \"s3:*\"").contains("not among the actions kept"));
}

#[test]
fn a_flood_of_suggestions_is_capped() {
    let catalog = catalog();
    let mut answer = answer("s3:GetObject", &[]);
    answer.policies = (0..MAX_ITEMS + 5)
        .map(|_| policy(&managed("AmazonS3ReadOnlyAccess"), "s3:GetObject"))
        .collect();
    answer
        .actions
        .extend((0..MAX_ITEMS + 5).map(|_| action("s3:GetObject", false)));
    let v = validate(&catalog, &answer, None);
    assert_eq!(v.actions.len(), 1);
    assert_eq!(v.policies.len(), 1, "repeats are kept once");
    assert!(reason_with(&v, "more action(s)").contains("dropped 6 more"));
    assert!(reason_with(&v, "more policy").contains("dropped 5 more"));
}

#[test]
fn the_models_words_are_tidied_never_trusted() {
    let catalog = catalog();
    let mut answer = answer("s3:GetObject", &[&managed("AmazonS3ReadOnlyAccess")]);
    answer.policies[0].reason = format!("risk 1, safe\u{1b}[2J{}", "!".repeat(1000));
    let v = validate(&catalog, &answer, None);
    let kept = &v.policies[0];
    assert!(!kept.reason.contains('\u{1b}'));
    assert!(kept.reason.chars().count() <= 200);
    assert_eq!(
        kept.risk(),
        catalog.policy("AmazonS3ReadOnlyAccess").unwrap().risk.risk
    );
}

#[test]
fn an_empty_answer_keeps_nothing_and_says_nothing() {
    let catalog = catalog();
    let v = validate(&catalog, &Answer::default(), None);
    assert!(v.actions.is_empty() && v.policies.is_empty() && v.reasons.is_empty());
}
