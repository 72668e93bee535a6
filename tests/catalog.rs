//! The compiled AWS catalog, checked against what AWS's own documents say.

use botjinseong::{GrantScope, PolicyKind, catalog};
use botjinseong_core::evaluate::evaluate_covering;
use botjinseong_core::resolve::{best, resolve};
use botjinseong_core::{Access, Request, Variables, evaluate};

fn access(policy: &str, action: &str, resource: Option<&str>, user: Option<&str>) -> Access {
    let p = catalog()
        .policy(policy)
        .unwrap_or_else(|| panic!("{policy} is in the snapshot"));
    let request = Request {
        action,
        resource,
        variables: Variables {
            username: user,
            account: Some("123456789012"),
        },
    };
    evaluate(&p.document, &request).access
}

#[test]
fn power_user_access_grants_everything_but_iam_except_service_linked_roles() {
    assert_eq!(
        access("PowerUserAccess", "ec2:RunInstances", None, None),
        Access::Granted
    );
    assert_eq!(
        access("PowerUserAccess", "iam:CreateUser", None, None),
        Access::NotGranted
    );
    assert_eq!(
        access("PowerUserAccess", "iam:CreateServiceLinkedRole", None, None),
        Access::Granted
    );
}

#[test]
fn s3_read_only_reads_and_does_not_write() {
    assert_eq!(
        access("AmazonS3ReadOnlyAccess", "s3:GetObject", None, None),
        Access::Granted
    );
    assert_eq!(
        access("AmazonS3ReadOnlyAccess", "s3:getobject", None, None),
        Access::Granted
    );
    assert_eq!(
        access("AmazonS3ReadOnlyAccess", "s3:PutObject", None, None),
        Access::NotGranted
    );
}

#[test]
fn change_password_only_on_the_callers_own_user() {
    let own = "arn:aws:iam::123456789012:user/student01";
    let other = "arn:aws:iam::123456789012:user/student02";
    let p = "IAMUserChangePassword";
    assert_eq!(
        access(p, "iam:ChangePassword", None, None),
        Access::Restricted
    );
    assert_eq!(
        access(p, "iam:ChangePassword", Some(own), Some("student01")),
        Access::Granted
    );
    assert_eq!(
        access(p, "iam:ChangePassword", Some(other), Some("student01")),
        Access::NotGranted
    );
    let action = catalog().action("iam:ChangePassword").unwrap();
    let grant = catalog()
        .grants_of(action)
        .find(|g| catalog().policies[g.policy()].name == p)
        .expect("the table records the grant");
    assert_eq!(grant.scope(), GrantScope::Restricted);
}

#[test]
fn actions_are_found_in_any_case_with_their_canonical_spelling() {
    for (asked, canonical) in [
        ("s3:GetObject", "s3:GetObject"),
        ("S3:GETOBJECT", "s3:GetObject"),
        ("SNS:Publish", "sns:Publish"),
        ("sqs:sendmessage", "sqs:SendMessage"),
        ("s3-outposts:GetObject", "s3-outposts:GetObject"),
    ] {
        let found = catalog().action(asked).map(|a| a.name.as_ref());
        assert_eq!(found, Some(canonical), "{asked}");
    }
    for missing in ["s3:NoSuchThing", "", "s3", ":", &"x".repeat(500)] {
        assert!(catalog().action(missing).is_none(), "{missing}");
    }
}

#[test]
fn service_actions_stand_together() {
    let s3 = catalog().service_actions("s3");
    assert!(s3.len() > 100, "s3 has {} actions", s3.len());
    assert!(s3.iter().all(|a| a.prefix() == "s3"));
    assert!(catalog().service_actions("S3").len() == s3.len());
    assert!(!catalog().knows_service("nosuchservice"));
}

#[test]
fn every_grant_in_the_table_is_confirmed_by_the_evaluator() {
    // The table is the evaluator's output; re-derive a sample across services.
    for name in [
        "s3:GetObject",
        "ec2:RunInstances",
        "lambda:ListFunctions",
        "iam:PassRole",
    ] {
        let action = catalog().action(name).unwrap();
        let grants: Vec<_> = catalog().grants_of(action).collect();
        assert!(!grants.is_empty(), "{name} has grants");
        for g in grants {
            let p = &catalog().policies[g.policy()];
            let got = evaluate(
                &p.document,
                &Request {
                    action: name,
                    ..Default::default()
                },
            )
            .access;
            assert!(got.is_grant(), "{} grants {name}: {got:?}", p.name);
            for resource in [None, Some("arn:aws:iam::123456789012:role/lab-role")] {
                let request = Request {
                    action: name,
                    resource,
                    ..Default::default()
                };
                assert_eq!(
                    evaluate_covering(&p.document, catalog().covering(g), &request),
                    evaluate(&p.document, &request),
                    "{} on {name}, {resource:?}: its covering statements alone",
                    p.name
                );
            }
        }
    }
}

#[test]
fn the_best_candidate_is_the_first_of_the_ranking() {
    let variables = Variables {
        username: Some("student01"),
        account: Some("123456789012"),
    };
    let resources = [
        None,
        Some("arn:aws:iam::123456789012:role/lab-role"),
        Some("arn:aws:iam::123456789012:role/service-role/lab-role"),
        Some("arn:aws:iam::123456789012:user/student01"),
        Some("arn:aws:s3:::course-data/week1.csv"),
        Some("arn:aws:lambda:us-east-1:123456789012:function:f"),
    ];
    let sample = catalog().actions.iter().step_by(41).map(|a| &*a.name);
    let named = [
        "s3:GetObject",
        "iam:PassRole",
        "iam:ChangePassword",
        "s3:NoSuchAction",
        "newservice:DoThing",
    ];
    for action in sample.chain(named) {
        for resource in resources {
            let ranked = resolve(catalog(), action, resource, variables);
            let first = ranked.candidates.first().map(|c| (&*c.policy.name, c.fit));
            let found = best(catalog(), action, resource, variables);
            assert_eq!(
                found.map(|(c, _)| (&*c.policy.name, c.fit)),
                first,
                "{action} on {resource:?}"
            );
            if let Some((_, source)) = found {
                assert_eq!(source, ranked.source, "{action}");
            }
        }
    }
}

#[test]
fn policies_by_name_and_arn_and_their_kinds() {
    let by_name = catalog().policy("AdministratorAccess").unwrap();
    let by_arn = catalog()
        .policy("arn:aws:iam::aws:policy/AdministratorAccess")
        .unwrap();
    assert!(std::ptr::eq(by_name, by_arn));
    assert!(
        catalog()
            .policy("arn:aws:iam::aws:policy/service-role/AdministratorAccess")
            .is_none()
    );
    let lambda_role = catalog().policy("AWSLambdaBasicExecutionRole").unwrap();
    assert_eq!(lambda_role.kind, PolicyKind::ServiceRole);
    assert!(!lambda_role.recommendable());
    let linked = catalog()
        .policies
        .iter()
        .find(|p| p.path == "/aws-service-role/")
        .unwrap();
    assert_eq!(linked.kind, PolicyKind::AwsServiceRole);
    assert_eq!(by_name.granted.total() as usize, catalog().actions.len());
}

#[test]
fn the_never_grant_list_names_the_catch_alls() {
    let never: Vec<&str> = catalog().never_grant.iter().map(|s| s.as_ref()).collect();
    for name in ["AdministratorAccess", "IAMFullAccess", "PowerUserAccess"] {
        assert!(never.contains(&name), "{name} in {never:?}");
        assert!(catalog().policy(name).is_some(), "{name} exists");
    }
}

#[test]
fn action_names_without_prefix_are_unique_or_ambiguous() {
    use botjinseong_core::catalog::Named;
    match catalog().named("listallmybuckets") {
        Named::Unique(a) => assert_eq!(a.name, "s3:ListAllMyBuckets"),
        other => panic!("ListAllMyBuckets: {other:?}"),
    }
    assert_eq!(
        catalog().named("GetObject"),
        Named::Ambiguous,
        "s3 and s3-outposts"
    );
    assert_eq!(catalog().named("NoSuchOperationAnywhere"), Named::Absent);
}

#[test]
fn policies_know_which_services_their_patterns_can_reach() {
    let s3 = catalog().policy("AmazonS3ReadOnlyAccess").unwrap();
    assert!(s3.may_reach("s3") && s3.may_reach("S3"));
    assert!(!s3.may_reach("ec2"));
    for any in ["AdministratorAccess", "PowerUserAccess"] {
        let p = catalog().policy(any).unwrap();
        assert!(p.action_prefixes.is_none(), "{any} may reach any action");
        assert!(p.may_reach("newservice"));
    }
    // No grant of the table comes from a policy that cannot reach its service.
    for action in catalog().actions.iter().step_by(97) {
        for g in catalog().grants_of(action) {
            let p = &catalog().policies[g.policy()];
            assert!(
                p.may_reach(action.prefix()),
                "{} grants {}",
                p.name,
                action.name
            );
        }
    }
}
