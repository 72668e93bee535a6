//! The cost-risk model's promises, checked on every AWS managed policy of
//! the compiled catalog.

use botjinseong::{AccessLevel, catalog};

#[test]
fn every_score_is_between_1_and_100_with_reasons() {
    for p in catalog().policies.iter() {
        assert!(
            (1..=100).contains(&p.risk.risk),
            "{}: {}",
            p.name,
            p.risk.risk
        );
        if p.granted.total() > 0 {
            assert!(!p.risk.reasons.is_empty(), "{} has no reasons", p.name);
            assert!(
                p.risk.reasons.len() <= 3,
                "{} has {} reasons",
                p.name,
                p.risk.reasons.len()
            );
        }
    }
}

#[test]
fn the_catch_alls_are_at_the_top() {
    for name in ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"] {
        let p = catalog().policy(name).unwrap();
        assert!(p.risk.risk >= 95, "{name}: {}", p.risk.risk);
    }
    assert_eq!(
        catalog().policy("AdministratorAccess").unwrap().risk.risk,
        100
    );
}

#[test]
fn read_only_twins_score_lower_than_full_access() {
    let mut pairs = 0;
    for full in catalog()
        .policies
        .iter()
        .filter(|p| p.name.ends_with("FullAccess"))
    {
        let stem = full.name.trim_end_matches("FullAccess");
        let Some(read) = catalog().policy(&format!("{stem}ReadOnlyAccess")) else {
            continue;
        };
        pairs += 1;
        let writes = AccessLevel::ALL
            .iter()
            .filter(|l| !l.is_read_only())
            .map(|l| full.granted.get(*l))
            .sum::<u32>();
        if writes > 0 {
            assert!(
                read.risk.risk < full.risk.risk,
                "{} ({}) must score below {} ({})",
                read.name,
                read.risk.risk,
                full.name,
                full.risk.risk
            );
        } else {
            assert!(
                read.risk.risk <= full.risk.risk,
                "{} vs {}",
                read.name,
                full.name
            );
        }
    }
    assert!(pairs > 50, "only {pairs} ReadOnly/FullAccess pairs found");
}

#[test]
fn read_only_policies_stay_low() {
    let mut checked = 0;
    for p in catalog()
        .policies
        .iter()
        .filter(|p| p.recommendable() && p.granted.read_only())
    {
        assert!(
            p.risk.risk <= 25,
            "{} grants only reads but scores {}",
            p.name,
            p.risk.risk
        );
        checked += 1;
    }
    assert!(checked > 50, "only {checked} read-only policies");
}

#[test]
fn the_natural_picks_of_the_issue() {
    let engine = botjinseong::Engine::aws();
    for (action, policy) in [
        ("s3:GetObject", "AmazonS3ReadOnlyAccess"),
        ("rds:CreateDBInstance", "AmazonRDSFullAccess"),
        ("lambda:ListFunctions", "AWSLambda_ReadOnlyAccess"),
        ("ec2:DescribeInstances", "AmazonEC2ReadOnlyAccess"),
        ("dynamodb:PutItem", "AmazonDynamoDBFullAccess_v2"),
        ("logs:CreateLogGroup", "CloudWatchLogsFullAccess"),
        ("sqs:SendMessage", "AmazonSQSFullAccess"),
    ] {
        let ranked = engine.rank(action);
        let first = ranked.candidates.first().map(|c| &*c.policy.name);
        assert_eq!(first, Some(policy), "{action}");
    }
}
