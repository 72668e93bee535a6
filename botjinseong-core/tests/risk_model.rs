//! Properties of the cost-risk model with the real catalog (`data/risk.toml`)
//! and real AWS managed policies' grants, and checks of the reviewed data
//! (`data/risk.toml`, `data/exclusions.toml`).

use botjinseong_core::exclusion::Exclusions;
use botjinseong_core::risk::{ActionRisk, PolicyRisk, RiskModel};
use botjinseong_core::{AccessLevel, GrantScope};
use proptest::prelude::*;

const RISK: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/risk.toml"));
const EXCLUSIONS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../data/exclusions.toml"
));

/// Expensive and dangerous actions that the embedded policies do not grant.
const EXTRA: &str = "\
W a ec2:RunInstances
W a ec2:CreateVolume
W a ec2:PurchaseReservedInstancesOffering
W a savingsplans:CreateSavingsPlan
W a rds:CreateDBInstance
W a rds:PurchaseReservedDBInstancesOffering
W a s3:PutObject
W a s3:PutBucketObjectLockConfiguration
W a glacier:CompleteVaultLock
W a shield:CreateSubscription
W a route53domains:RegisterDomain
W a aws-marketplace:Subscribe
W a sts:AssumeRole
W a lambda:CreateFunction
W a lambda:InvokeFunction
W a sagemaker:CreateEndpoint
W a bedrock:CreateProvisionedModelThroughput
W a dynamodb:CreateTable
W a kinesis:CreateStream
W a newservice:DoSomething
P a s3:PutBucketPolicy
T a ec2:CreateTags
";

/// A grant as the build hands it to the model.
#[derive(Debug, Clone)]
struct Grant {
    action: String,
    level: AccessLevel,
    scope: GrantScope,
}

fn parse(lines: &str) -> Vec<Grant> {
    lines
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut f = l.split_whitespace();
            let level = match f.next() {
                Some("L") => AccessLevel::List,
                Some("R") => AccessLevel::Read,
                Some("T") => AccessLevel::Tagging,
                Some("W") => AccessLevel::Write,
                Some("P") => AccessLevel::PermissionsManagement,
                other => panic!("bad level {other:?} in {l}"),
            };
            let scope = match f.next() {
                Some("a") => GrantScope::AllResources,
                Some("r") => GrantScope::Restricted,
                Some("c") => GrantScope::Conditional,
                other => panic!("bad scope {other:?} in {l}"),
            };
            let action = f.next().expect("an action").to_owned();
            Grant {
                action,
                level,
                scope,
            }
        })
        .collect()
}

fn model() -> &'static RiskModel {
    static MODEL: std::sync::OnceLock<RiskModel> = std::sync::OnceLock::new();
    MODEL.get_or_init(|| RiskModel::from_toml(RISK).expect("data/risk.toml reads"))
}

fn policy(name: &str) -> Vec<Grant> {
    let (_, lines) = POLICIES
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("{name} is not embedded"));
    parse(lines)
}

/// Every embedded grant, then the extra ones, each action once.
fn pool() -> Vec<Grant> {
    static POOL: std::sync::OnceLock<Vec<Grant>> = std::sync::OnceLock::new();
    POOL.get_or_init(build_pool).clone()
}

fn build_pool() -> Vec<Grant> {
    let mut all: Vec<Grant> = POLICIES.iter().flat_map(|(_, l)| parse(l)).collect();
    all.extend(parse(EXTRA));
    all.sort_by(|a, b| a.action.cmp(&b.action));
    all.dedup_by(|a, b| a.action == b.action);
    all
}

fn score(model: &RiskModel, grants: &[Grant]) -> PolicyRisk {
    let risks: Vec<ActionRisk> = grants
        .iter()
        .map(|g| model.action_risk(&g.action, g.level))
        .collect();
    model.score_policy(
        grants
            .iter()
            .zip(&risks)
            .map(|(g, r)| (g.action.as_str(), r, g.scope)),
    )
}

fn scope_of(n: u8) -> GrantScope {
    [
        GrantScope::AllResources,
        GrantScope::Restricted,
        GrantScope::Conditional,
    ][n as usize % 3]
}

/// Picks grants from the pool by index, each with a chosen scope.
fn pick(pool: &[Grant], picks: &[(usize, u8)]) -> Vec<Grant> {
    picks
        .iter()
        .map(|&(i, s)| Grant {
            scope: scope_of(s),
            ..pool[i % pool.len()].clone()
        })
        .collect()
}

fn is_cheap_service(model: &RiskModel, action: &str) -> bool {
    let prefix = action.split_once(':').map_or(action, |(p, _)| p);
    model
        .service(prefix)
        .and_then(|(_, s)| model.tier_of(s))
        .is_some_and(|t| t.name == "low" || t.name == "free")
}

const ESCALATION: [&str; 12] = [
    "iam:AttachUserPolicy",
    "iam:AttachGroupPolicy",
    "iam:AttachRolePolicy",
    "iam:PutUserPolicy",
    "iam:PutGroupPolicy",
    "iam:PutRolePolicy",
    "iam:CreatePolicyVersion",
    "iam:CreateAccessKey",
    "iam:UpdateAssumeRolePolicy",
    "iam:AddUserToGroup",
    "iam:UpdateLoginProfile",
    "iam:PassRole",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn scores_are_deterministic_in_range_and_order_free(
        picks in prop::collection::vec((any::<usize>(), any::<u8>()), 0..60)
    ) {
        let m = model();
        let grants = pick(&pool(), &picks);
        let a = score(m, &grants);
        prop_assert!((1..=100).contains(&a.risk), "risk {}", a.risk);
        prop_assert!(!a.reasons.is_empty() && a.reasons.len() <= 3, "{:?}", a.reasons);
        prop_assert_eq!(&a, &score(m, &grants));
        let mut reversed = grants.clone();
        reversed.reverse();
        prop_assert_eq!(&a, &score(m, &reversed));
    }

    #[test]
    fn adding_a_grant_never_lowers_a_score(
        picks in prop::collection::vec((any::<usize>(), any::<u8>()), 0..60),
        extra in (any::<usize>(), any::<u8>()),
    ) {
        let m = model();
        let pool = pool();
        let base = pick(&pool, &picks);
        let mut more = base.clone();
        more.extend(pick(&pool, &[extra]));
        let (before, after) = (score(m, &base).risk, score(m, &more).risk);
        prop_assert!(after >= before, "{before} → {after} adding {:?}", more.last());
    }

    #[test]
    fn everything_scores_100(
        picks in prop::collection::vec((any::<usize>(), any::<u8>()), 0..20)
    ) {
        let m = model();
        let pool = pool();
        let mut all: Vec<Grant> = pool
            .iter()
            .map(|g| Grant { scope: GrantScope::AllResources, ..g.clone() })
            .collect();
        all.extend(pick(&pool, &picks));
        prop_assert_eq!(score(m, &all).risk, 100);
    }

    #[test]
    fn iam_escalation_and_pass_role_score_at_the_top(
        picks in prop::collection::vec((any::<usize>(), any::<u8>()), 0..30),
        which in 0..ESCALATION.len(),
    ) {
        let m = model();
        let mut grants = pick(&pool(), &picks);
        let level = if ESCALATION[which] == "iam:PassRole"
            || ESCALATION[which] == "iam:CreateAccessKey"
            || ESCALATION[which] == "iam:AddUserToGroup"
            || ESCALATION[which] == "iam:UpdateLoginProfile"
        {
            AccessLevel::Write
        } else {
            AccessLevel::PermissionsManagement
        };
        grants.push(Grant {
            action: ESCALATION[which].to_owned(),
            level,
            scope: GrantScope::AllResources,
        });
        let risk = score(m, &grants).risk;
        prop_assert!(risk >= 90, "{} scored {risk}", ESCALATION[which]);
    }

    #[test]
    fn reads_of_low_cost_services_stay_low(
        picks in prop::collection::vec((any::<usize>(), any::<u8>()), 1..80)
    ) {
        let m = model();
        let reads: Vec<Grant> = pool()
            .into_iter()
            .filter(|g| g.level.is_read_only() && is_cheap_service(m, &g.action))
            .collect();
        prop_assume!(!reads.is_empty());
        let grants = pick(&reads, &picks);
        let p = score(m, &grants);
        prop_assert!(p.risk <= 25, "{} for {:?}: {:?}", p.risk, grants, p.reasons);
    }
}

#[test]
fn real_read_only_policies_score_low() {
    let m = model();
    for name in [
        "AmazonS3ReadOnlyAccess",
        "AmazonSQSReadOnlyAccess",
        "AmazonSNSReadOnlyAccess",
        "AmazonDynamoDBReadOnlyAccess",
        "AWSLambda_ReadOnlyAccess",
        "AmazonRDSReadOnlyAccess",
        "AmazonEC2ReadOnlyAccess",
        "IAMReadOnlyAccess",
    ] {
        let p = score(m, &policy(name));
        assert!(p.risk <= 25, "{name}: {} {:?}", p.risk, p.reasons);
    }
}

#[test]
fn read_only_scores_below_full_access() {
    let m = model();
    for (ro, full) in [
        ("AmazonSQSReadOnlyAccess", "AmazonSQSFullAccess"),
        ("AmazonSNSReadOnlyAccess", "AmazonSNSFullAccess"),
        ("IAMReadOnlyAccess", "IAMFullAccess"),
    ] {
        let (r, f) = (score(m, &policy(ro)).risk, score(m, &policy(full)).risk);
        assert!(r < f, "{ro} {r} ≥ {full} {f}");
    }
}

#[test]
fn iam_full_access_is_at_the_top_and_says_why() {
    let m = model();
    let p = score(m, &policy("IAMFullAccess"));
    assert_eq!(p.risk, 100, "{:?}", p.reasons);
    assert!(p.reasons[0].starts_with("iam:Attach"), "{:?}", p.reasons);
    assert!(
        p.reasons.iter().all(|r| r.contains("AdministratorAccess")),
        "{:?}",
        p.reasons
    );
}

#[test]
fn cheap_full_access_stays_below_the_threshold_and_self_service_is_low() {
    let m = model();
    for name in ["AmazonSQSFullAccess", "AmazonSNSFullAccess"] {
        let p = score(m, &policy(name));
        assert!(p.risk < 50, "{name}: {} {:?}", p.risk, p.reasons);
    }
    let p = score(m, &policy("IAMUserChangePassword"));
    assert!(p.risk <= 10, "{} {:?}", p.risk, p.reasons);
}

#[test]
fn the_catalog_places_the_costly_actions_where_the_docs_say() {
    let m = model();
    let w = AccessLevel::Write;
    let pm = AccessLevel::PermissionsManagement;
    let cases = [
        ("ec2:RunInstances", w, 75),
        ("EC2:runinstances", w, 75),
        ("ec2:PurchaseReservedInstancesOffering", w, 90),
        ("ec2:PurchaseSomethingNew", w, 90),
        ("savingsplans:CreateSavingsPlan", w, 95),
        ("shield:CreateSubscription", w, 95),
        ("iam:AttachUserPolicy", pm, 100),
        ("iam:PassRole", w, 90),
        ("iam:DeleteUser", w, 80),
        ("iam:GetUser", AccessLevel::Read, 5),
        ("iam:ChangePassword", w, 5),
        ("s3:PutObject", w, 20),
        ("s3:GetObject", AccessLevel::Read, 5),
        ("ec2:CreateTags", AccessLevel::Tagging, 5),
        ("ec2:AuthorizeSecurityGroupIngress", w, 50),
        ("newservice:DoSomething", w, 40),
    ];
    for (action, level, points) in cases {
        assert_eq!(m.action_risk(action, level).points, points, "{action}");
    }
}

#[test]
fn every_claimed_price_or_term_names_a_source() {
    let m = model();
    for e in m.actions.iter() {
        let claims = e.reason.contains('$')
            || e.reason.contains("year")
            || e.reason.contains("month")
            || e.reason.contains("cents");
        assert!(
            !claims || e.source.is_some(),
            "{} claims a fact without a source: {}",
            e.action,
            e.reason
        );
    }
    for p in m.patterns.iter() {
        assert!(
            !p.reason.contains('$') || p.source.is_some(),
            "{}",
            p.pattern
        );
    }
}

#[test]
fn the_never_grant_list_holds_the_admin_equivalents() {
    let m = model();
    let list: Vec<&str> = m.never_grant().collect();
    for name in [
        "AdministratorAccess",
        "IAMFullAccess",
        "PowerUserAccess",
        "AdministratorAccess-Amplify",
        "AWSOrganizationsFullAccess",
    ] {
        assert!(list.contains(&name), "{name} missing");
    }
    assert!(!list.contains(&"AmazonS3FullAccess"));
    assert!(
        m.never_grant_reason("IAMFullAccess")
            .is_some_and(|r| r.contains("iam:*"))
    );
}

#[test]
fn exclusions_keep_natural_picks_and_catch_role_policies() {
    let x = Exclusions::from_toml(EXCLUSIONS).expect("data/exclusions.toml reads");
    for natural in [
        "AmazonS3ReadOnlyAccess",
        "AmazonS3FullAccess",
        "AmazonRDSFullAccess",
        "AmazonRDSReadOnlyAccess",
        "AWSLambda_ReadOnlyAccess",
        "AWSLambda_FullAccess",
        "AmazonEC2FullAccess",
        "AmazonEC2ReadOnlyAccess",
        "AmazonDynamoDBFullAccess",
        "AmazonDynamoDBReadOnlyAccess",
        "CloudWatchReadOnlyAccess",
        "CloudWatchLogsFullAccess",
        "AmazonSNSFullAccess",
        "AmazonSQSFullAccess",
        "ReadOnlyAccess",
        "ViewOnlyAccess",
        "IAMUserChangePassword",
        "IAMReadOnlyAccess",
        "AmazonEC2ContainerRegistryReadOnly",
        "AmazonECS_FullAccess",
        "AmazonEKSDashboardConsoleReadOnly",
        "AmazonAPIGatewayInvokeFullAccess",
        "AWSIoTDataAccess",
        "AmazonBedrockFullAccess",
        "SecretsManagerReadWrite",
        "AmazonSageMakerFullAccess",
        "AWSCloudFormationFullAccess",
    ] {
        assert_eq!(x.reason(natural), None, "{natural} must stay recommendable");
    }
    for role in [
        "AWSDenyAll",
        "AmazonBedrockStudioPermissionsBoundary",
        "AmazonEKSClusterPolicy",
        "AmazonEKSWorkerNodePolicy",
        "AmazonEKS_CNI_Policy",
        "AmazonSSMManagedInstanceCore",
        "CloudWatchAgentServerPolicy",
        "AWSLambdaExecute",
        "AWSXRayDaemonWriteAccess",
        "EC2InstanceProfileForImageBuilder",
        "SageMakerStudioUserIAMDefaultExecutionPolicy",
        "AWSApplicationMigrationAgentPolicy",
        "AIOpsAssistantPolicy",
        "ConsoleFullAccessFromVercel",
        "AWSBackupServiceRolePolicyForS3Restore",
        "AWSCompromisedKeyQuarantineV3",
        "NAPSPropagatorIntegTestManagedPolicy07",
    ] {
        assert!(x.reason(role).is_some(), "{role} must be excluded");
    }
}
/// Real AWS managed policies, expanded against the service authorization
/// reference (2026 snapshot): one grant a line, `LEVEL SCOPE action`, where
/// LEVEL is L(ist) R(ead) T(agging) W(rite) P(ermissions management) and
/// SCOPE a(ll resources) r(estricted) c(onditional).
const POLICIES: &[(&str, &str)] = &[
    (
        "AmazonS3ReadOnlyAccess",
        "\
R a s3-object-lambda:GetObject\n\
R a s3-object-lambda:GetObjectAcl\n\
R a s3-object-lambda:GetObjectLegalHold\n\
R a s3-object-lambda:GetObjectRetention\n\
R a s3-object-lambda:GetObjectTagging\n\
R a s3-object-lambda:GetObjectVersion\n\
R a s3-object-lambda:GetObjectVersionAcl\n\
R a s3-object-lambda:GetObjectVersionTagging\n\
L a s3-object-lambda:ListBucket\n\
L a s3-object-lambda:ListBucketMultipartUploads\n\
L a s3-object-lambda:ListBucketVersions\n\
L a s3-object-lambda:ListMultipartUploadParts\n\
R a s3:DescribeJob\n\
R a s3:DescribeMultiRegionAccessPointOperation\n\
R a s3:GetAccelerateConfiguration\n\
R a s3:GetAccessGrant\n\
R a s3:GetAccessGrantsInstance\n\
R a s3:GetAccessGrantsInstanceForPrefix\n\
R a s3:GetAccessGrantsInstanceResourcePolicy\n\
R a s3:GetAccessGrantsLocation\n\
R a s3:GetAccessPoint\n\
R a s3:GetAccessPointConfigurationForObjectLambda\n\
R a s3:GetAccessPointForObjectLambda\n\
R a s3:GetAccessPointPolicy\n\
R a s3:GetAccessPointPolicyForObjectLambda\n\
R a s3:GetAccessPointPolicyStatus\n\
R a s3:GetAccessPointPolicyStatusForObjectLambda\n\
R a s3:GetAccountPublicAccessBlock\n\
R a s3:GetAnalyticsConfiguration\n\
R a s3:GetBucketAbac\n\
R a s3:GetBucketAcl\n\
R a s3:GetBucketCORS\n\
R a s3:GetBucketLocation\n\
R a s3:GetBucketLogging\n\
R a s3:GetBucketMetadataTableConfiguration\n\
R a s3:GetBucketNotification\n\
R a s3:GetBucketObjectLockConfiguration\n\
R a s3:GetBucketOwnershipControls\n\
R a s3:GetBucketPolicy\n\
R a s3:GetBucketPolicyStatus\n\
R a s3:GetBucketPublicAccessBlock\n\
R a s3:GetBucketRequestPayment\n\
R a s3:GetBucketTagging\n\
R a s3:GetBucketVersioning\n\
R a s3:GetBucketWebsite\n\
R a s3:GetDataAccess\n\
R a s3:GetEncryptionConfiguration\n\
R a s3:GetIntelligentTieringConfiguration\n\
R a s3:GetInventoryConfiguration\n\
R a s3:GetJobTagging\n\
R a s3:GetLifecycleConfiguration\n\
R a s3:GetMetricsConfiguration\n\
R a s3:GetMultiRegionAccessPoint\n\
R a s3:GetMultiRegionAccessPointPolicy\n\
R a s3:GetMultiRegionAccessPointPolicyStatus\n\
R a s3:GetMultiRegionAccessPointRoutes\n\
R a s3:GetObject\n\
R a s3:GetObjectAcl\n\
R a s3:GetObjectAnnotation\n\
R a s3:GetObjectAttributes\n\
R a s3:GetObjectLegalHold\n\
R a s3:GetObjectRetention\n\
R a s3:GetObjectTagging\n\
R a s3:GetObjectTorrent\n\
R a s3:GetObjectVersion\n\
R a s3:GetObjectVersionAcl\n\
R a s3:GetObjectVersionAnnotation\n\
R a s3:GetObjectVersionAnnotationForReplication\n\
R a s3:GetObjectVersionAttributes\n\
R a s3:GetObjectVersionForReplication\n\
R a s3:GetObjectVersionTagging\n\
R a s3:GetObjectVersionTorrent\n\
R a s3:GetReplicationConfiguration\n\
R a s3:GetStorageLensConfiguration\n\
R a s3:GetStorageLensConfigurationTagging\n\
R a s3:GetStorageLensDashboard\n\
R a s3:GetStorageLensGroup\n\
L a s3:ListAccessGrants\n\
L a s3:ListAccessGrantsInstances\n\
L a s3:ListAccessGrantsLocations\n\
L a s3:ListAccessPoints\n\
L a s3:ListAccessPointsForObjectLambda\n\
L a s3:ListAllMyBuckets\n\
L a s3:ListBucket\n\
L a s3:ListBucketMultipartUploads\n\
L a s3:ListBucketVersions\n\
L a s3:ListCallerAccessGrants\n\
L a s3:ListJobs\n\
L a s3:ListMultiRegionAccessPoints\n\
L a s3:ListMultipartUploadParts\n\
L a s3:ListObjectAnnotations\n\
L a s3:ListObjectVersionAnnotations\n\
L a s3:ListStorageLensConfigurations\n\
L a s3:ListStorageLensGroups\n\
L a s3:ListTagsForResource\n\
",
    ),
    (
        "AmazonSQSReadOnlyAccess",
        "\
R a sqs:GetQueueAttributes\n\
R a sqs:GetQueueUrl\n\
R a sqs:ListDeadLetterSourceQueues\n\
R a sqs:ListMessageMoveTasks\n\
R a sqs:ListQueueTags\n\
R a sqs:ListQueues\n\
",
    ),
    (
        "AmazonSQSFullAccess",
        "\
P a sqs:AddPermission\n\
W a sqs:CancelMessageMoveTask\n\
W a sqs:ChangeMessageVisibility\n\
W a sqs:CreateQueue\n\
W a sqs:DeleteMessage\n\
W a sqs:DeleteQueue\n\
R a sqs:GetQueueAttributes\n\
R a sqs:GetQueueUrl\n\
R a sqs:ListDeadLetterSourceQueues\n\
R a sqs:ListMessageMoveTasks\n\
R a sqs:ListQueueTags\n\
R a sqs:ListQueues\n\
W a sqs:PurgeQueue\n\
R a sqs:ReceiveMessage\n\
P a sqs:RemovePermission\n\
W a sqs:SendMessage\n\
P a sqs:SetQueueAttributes\n\
W a sqs:StartMessageMoveTask\n\
T a sqs:TagQueue\n\
T a sqs:UntagQueue\n\
",
    ),
    (
        "AmazonSNSReadOnlyAccess",
        "\
R c sms-voice:DescribeAccountAttributes\n\
R c sms-voice:DescribeOptedOutNumbers\n\
R c sms-voice:DescribePhoneNumbers\n\
R c sms-voice:DescribeSpendLimits\n\
R c sms-voice:DescribeVerifiedDestinationNumbers\n\
R a sns:CheckIfPhoneNumberIsOptedOut\n\
R a sns:GetDataProtectionPolicy\n\
R a sns:GetEndpointAttributes\n\
R a sns:GetPlatformApplicationAttributes\n\
R a sns:GetSMSAttributes\n\
R a sns:GetSMSSandboxAccountStatus\n\
R a sns:GetSubscriptionAttributes\n\
R a sns:GetTopicAttributes\n\
L a sns:ListEndpointsByPlatformApplication\n\
L a sns:ListOriginationNumbers\n\
R a sns:ListPhoneNumbersOptedOut\n\
L a sns:ListPlatformApplications\n\
L a sns:ListSMSSandboxPhoneNumbers\n\
L a sns:ListSubscriptions\n\
L a sns:ListSubscriptionsByTopic\n\
R a sns:ListTagsForResource\n\
L a sns:ListTopics\n\
",
    ),
    (
        "AmazonSNSFullAccess",
        "\
W c sms-voice:CreateVerifiedDestinationNumber\n\
W c sms-voice:DeleteOptedOutNumber\n\
W c sms-voice:DeleteVerifiedDestinationNumber\n\
R c sms-voice:DescribeAccountAttributes\n\
R c sms-voice:DescribeOptedOutNumbers\n\
R c sms-voice:DescribePhoneNumbers\n\
R c sms-voice:DescribeSpendLimits\n\
R c sms-voice:DescribeVerifiedDestinationNumbers\n\
W c sms-voice:SendDestinationNumberVerificationCode\n\
W c sms-voice:SendTextMessage\n\
W c sms-voice:SetTextMessageSpendLimitOverride\n\
W c sms-voice:VerifyDestinationNumber\n\
P a sns:AddPermission\n\
R a sns:CheckIfPhoneNumberIsOptedOut\n\
W a sns:ConfirmSubscription\n\
W a sns:CreatePlatformApplication\n\
W a sns:CreatePlatformEndpoint\n\
W a sns:CreateSMSSandboxPhoneNumber\n\
W a sns:CreateTopic\n\
W a sns:DeleteEndpoint\n\
W a sns:DeletePlatformApplication\n\
W a sns:DeleteSMSSandboxPhoneNumber\n\
W a sns:DeleteTopic\n\
R a sns:GetDataProtectionPolicy\n\
R a sns:GetEndpointAttributes\n\
R a sns:GetPlatformApplicationAttributes\n\
R a sns:GetSMSAttributes\n\
R a sns:GetSMSSandboxAccountStatus\n\
R a sns:GetSubscriptionAttributes\n\
R a sns:GetTopicAttributes\n\
L a sns:ListEndpointsByPlatformApplication\n\
L a sns:ListOriginationNumbers\n\
R a sns:ListPhoneNumbersOptedOut\n\
L a sns:ListPlatformApplications\n\
L a sns:ListSMSSandboxPhoneNumbers\n\
L a sns:ListSubscriptions\n\
L a sns:ListSubscriptionsByTopic\n\
R a sns:ListTagsForResource\n\
L a sns:ListTopics\n\
W a sns:OptInPhoneNumber\n\
W a sns:Publish\n\
W a sns:PutDataProtectionPolicy\n\
P a sns:RemovePermission\n\
W a sns:SetEndpointAttributes\n\
W a sns:SetPlatformApplicationAttributes\n\
W a sns:SetSMSAttributes\n\
W a sns:SetSubscriptionAttributes\n\
P a sns:SetTopicAttributes\n\
W a sns:Subscribe\n\
T a sns:TagResource\n\
W a sns:Unsubscribe\n\
T a sns:UntagResource\n\
W a sns:VerifySMSSandboxPhoneNumber\n\
",
    ),
    (
        "AmazonDynamoDBReadOnlyAccess",
        "\
R a application-autoscaling:DescribeScalableTargets\n\
R a application-autoscaling:DescribeScalingActivities\n\
R a application-autoscaling:DescribeScalingPolicies\n\
R a cloudwatch:DescribeAlarmHistory\n\
R a cloudwatch:DescribeAlarms\n\
R a cloudwatch:DescribeAlarmsForMetric\n\
R r cloudwatch:GetInsightRuleReport\n\
R a cloudwatch:GetMetricData\n\
R a cloudwatch:GetMetricStatistics\n\
L a cloudwatch:ListMetrics\n\
R a datapipeline:DescribeObjects\n\
R a datapipeline:DescribePipelines\n\
R a datapipeline:GetPipelineDefinition\n\
L a datapipeline:ListPipelines\n\
R a datapipeline:QueryObjects\n\
R a dax:BatchGetItem\n\
L a dax:DescribeClusters\n\
L a dax:DescribeDefaultParameters\n\
L a dax:DescribeEvents\n\
L a dax:DescribeParameterGroups\n\
R a dax:DescribeParameters\n\
L a dax:DescribeSubnetGroups\n\
R a dax:GetItem\n\
R a dax:ListTags\n\
R a dax:Query\n\
R a dax:Scan\n\
R a dynamodb:BatchGetItem\n\
R a dynamodb:DescribeBackup\n\
R a dynamodb:DescribeContinuousBackups\n\
R a dynamodb:DescribeContributorInsights\n\
R a dynamodb:DescribeEndpoints\n\
R a dynamodb:DescribeExport\n\
R a dynamodb:DescribeGlobalTable\n\
R a dynamodb:DescribeGlobalTableSettings\n\
R a dynamodb:DescribeImport\n\
R a dynamodb:DescribeKinesisStreamingDestination\n\
R a dynamodb:DescribeLimits\n\
R a dynamodb:DescribeReservedCapacity\n\
R a dynamodb:DescribeReservedCapacityOfferings\n\
R a dynamodb:DescribeStream\n\
R a dynamodb:DescribeTable\n\
R a dynamodb:DescribeTableReplicaAutoScaling\n\
R a dynamodb:DescribeTimeToLive\n\
R a dynamodb:GetAbacStatus\n\
R a dynamodb:GetItem\n\
R a dynamodb:GetResourcePolicy\n\
L a dynamodb:ListBackups\n\
L a dynamodb:ListContributorInsights\n\
L a dynamodb:ListExports\n\
L a dynamodb:ListGlobalTables\n\
L a dynamodb:ListImports\n\
R a dynamodb:ListStreams\n\
L a dynamodb:ListTables\n\
R a dynamodb:ListTagsOfResource\n\
R a dynamodb:PartiQLSelect\n\
R a dynamodb:Query\n\
R a dynamodb:Scan\n\
L a ec2:DescribeSecurityGroups\n\
L a ec2:DescribeSubnets\n\
L a ec2:DescribeVpcs\n\
R a iam:GetRole\n\
L a iam:ListRoles\n\
R a kinesis:DescribeStream\n\
R a kinesis:DescribeStreamSummary\n\
L a kinesis:ListStreams\n\
R a kms:DescribeKey\n\
L a kms:ListAliases\n\
R a lambda:GetFunctionConfiguration\n\
L a lambda:ListEventSourceMappings\n\
L a lambda:ListFunctions\n\
R a resource-groups:GetGroup\n\
R a resource-groups:GetGroupQuery\n\
L a resource-groups:ListGroupResources\n\
L a resource-groups:ListGroups\n\
L a sns:ListSubscriptionsByTopic\n\
L a sns:ListTopics\n\
R a tag:GetResources\n\
",
    ),
    (
        "AWSLambda_ReadOnlyAccess",
        "\
L a cloudformation:DescribeStacks\n\
L a cloudformation:ListStackResources\n\
L a cloudformation:ListStacks\n\
R a cloudwatch:GetMetricData\n\
L a cloudwatch:ListMetrics\n\
L a ec2:DescribeSecurityGroups\n\
L a ec2:DescribeSubnets\n\
L a ec2:DescribeVpcs\n\
R a iam:GetPolicy\n\
R a iam:GetPolicyVersion\n\
R a iam:GetRole\n\
R a iam:GetRolePolicy\n\
L a iam:ListAttachedRolePolicies\n\
L a iam:ListRolePolicies\n\
L a iam:ListRoles\n\
L a kms:ListAliases\n\
R a lambda:GetAccountSettings\n\
R a lambda:GetAlias\n\
R a lambda:GetCapacityProvider\n\
R a lambda:GetCodeSigningConfig\n\
R a lambda:GetDurableExecution\n\
R a lambda:GetDurableExecutionHistory\n\
R a lambda:GetDurableExecutionState\n\
R a lambda:GetEventSourceMapping\n\
R a lambda:GetFunction\n\
R a lambda:GetFunctionCodeSigningConfig\n\
R a lambda:GetFunctionConcurrency\n\
R a lambda:GetFunctionConfiguration\n\
R a lambda:GetFunctionEventInvokeConfig\n\
R a lambda:GetFunctionRecursionConfig\n\
R a lambda:GetFunctionScalingConfig\n\
R a lambda:GetFunctionUrlConfig\n\
R a lambda:GetLayerVersion\n\
R a lambda:GetLayerVersionPolicy\n\
R a lambda:GetMicrovm\n\
R a lambda:GetMicrovmImage\n\
R a lambda:GetMicrovmImageBuild\n\
R a lambda:GetMicrovmImageVersion\n\
R a lambda:GetNetworkConnector\n\
R a lambda:GetPolicy\n\
R a lambda:GetProvisionedConcurrencyConfig\n\
R a lambda:GetResourcePolicy\n\
R a lambda:GetRuntimeManagementConfig\n\
L a lambda:ListAliases\n\
L a lambda:ListCapacityProviders\n\
L a lambda:ListCodeSigningConfigs\n\
L a lambda:ListDurableExecutionsByFunction\n\
L a lambda:ListEventSourceMappings\n\
L a lambda:ListFunctionEventInvokeConfigs\n\
L a lambda:ListFunctionUrlConfigs\n\
L a lambda:ListFunctionVersionsByCapacityProvider\n\
L a lambda:ListFunctions\n\
L a lambda:ListFunctionsByCodeSigningConfig\n\
L a lambda:ListLayerVersions\n\
L a lambda:ListLayers\n\
L a lambda:ListManagedMicrovmImageVersions\n\
L a lambda:ListManagedMicrovmImages\n\
L a lambda:ListMicrovmImageBuilds\n\
L a lambda:ListMicrovmImageVersions\n\
L a lambda:ListMicrovmImages\n\
L a lambda:ListMicrovms\n\
L a lambda:ListNetworkConnectors\n\
L a lambda:ListProvisionedConcurrencyConfigs\n\
R a lambda:ListTags\n\
L a lambda:ListVersionsByFunction\n\
L a logs:DescribeLogGroups\n\
L r logs:DescribeLogStreams\n\
L r logs:DescribeQueries\n\
R r logs:FilterLogEvents\n\
R r logs:GetLogEvents\n\
R r logs:GetLogGroupFields\n\
R r logs:GetLogRecord\n\
R r logs:GetQueryResults\n\
R r logs:StartLiveTail\n\
R r logs:StartQuery\n\
R r logs:StopLiveTail\n\
R r logs:StopQuery\n\
R a states:DescribeStateMachine\n\
L a states:ListStateMachines\n\
R a tag:GetResources\n\
L a xray:BatchGetTraces\n\
R a xray:GetTraceSummaries\n\
",
    ),
    (
        "AmazonRDSReadOnlyAccess",
        "\
R a cloudwatch:GetMetricData\n\
R a cloudwatch:GetMetricStatistics\n\
L a cloudwatch:ListMetrics\n\
R a devops-guru:GetResourceCollection\n\
L c devops-guru:ListAnomaliesForInsight\n\
L c devops-guru:SearchInsights\n\
L a ec2:DescribeAccountAttributes\n\
L a ec2:DescribeAvailabilityZones\n\
L a ec2:DescribeInternetGateways\n\
L a ec2:DescribeSecurityGroups\n\
L a ec2:DescribeSubnets\n\
L a ec2:DescribeVpcAttribute\n\
L a ec2:DescribeVpcs\n\
L a logs:DescribeLogStreams\n\
R a logs:GetLogEvents\n\
L a rds:DescribeAccountAttributes\n\
L a rds:DescribeBlueGreenDeployments\n\
L a rds:DescribeCertificates\n\
L a rds:DescribeDBClusterAutomatedBackups\n\
L a rds:DescribeDBClusterBacktracks\n\
L a rds:DescribeDBClusterEndpoints\n\
L a rds:DescribeDBClusterParameterGroups\n\
L a rds:DescribeDBClusterParameters\n\
L a rds:DescribeDBClusterSnapshotAttributes\n\
L a rds:DescribeDBClusterSnapshots\n\
L a rds:DescribeDBClusters\n\
L a rds:DescribeDBEngineVersions\n\
L a rds:DescribeDBInstanceAutomatedBackups\n\
L a rds:DescribeDBInstances\n\
L a rds:DescribeDBLogFiles\n\
L a rds:DescribeDBMajorEngineVersions\n\
L a rds:DescribeDBParameterGroups\n\
L a rds:DescribeDBParameters\n\
L a rds:DescribeDBProxies\n\
L a rds:DescribeDBProxyEndpoints\n\
L a rds:DescribeDBProxyTargetGroups\n\
L a rds:DescribeDBProxyTargets\n\
L a rds:DescribeDBRecommendations\n\
L a rds:DescribeDBSecurityGroups\n\
L a rds:DescribeDBShardGroups\n\
L a rds:DescribeDBSnapshotAttributes\n\
L a rds:DescribeDBSnapshotTenantDatabases\n\
L a rds:DescribeDBSnapshots\n\
L a rds:DescribeDBSubnetGroups\n\
L a rds:DescribeEngineDefaultClusterParameters\n\
L a rds:DescribeEngineDefaultParameters\n\
L a rds:DescribeEventCategories\n\
L a rds:DescribeEventSubscriptions\n\
L a rds:DescribeEvents\n\
L a rds:DescribeExportTasks\n\
L a rds:DescribeGlobalClusters\n\
L a rds:DescribeIntegrations\n\
L a rds:DescribeOptionGroupOptions\n\
L a rds:DescribeOptionGroups\n\
L a rds:DescribeOrderableDBInstanceOptions\n\
L a rds:DescribePendingMaintenanceActions\n\
R a rds:DescribeRecommendationGroups\n\
R a rds:DescribeRecommendations\n\
L a rds:DescribeReservedDBInstances\n\
L a rds:DescribeReservedDBInstancesOfferings\n\
L a rds:DescribeSourceRegions\n\
L a rds:DescribeTenantDatabases\n\
L a rds:DescribeValidDBInstanceModifications\n\
R a rds:ListTagsForResource\n\
",
    ),
    (
        "IAMReadOnlyAccess",
        "\
R a iam:GenerateCredentialReport\n\
R a iam:GenerateServiceLastAccessedDetails\n\
R a iam:GetAccessKeyLastUsed\n\
R a iam:GetAccountAuthorizationDetails\n\
R a iam:GetAccountEmailAddress\n\
R a iam:GetAccountName\n\
R a iam:GetAccountPasswordPolicy\n\
R a iam:GetAccountProperties\n\
L a iam:GetAccountSummary\n\
R a iam:GetCloudFrontPublicKey\n\
R a iam:GetContextKeysForCustomPolicy\n\
R a iam:GetContextKeysForPrincipalPolicy\n\
R a iam:GetCredentialReport\n\
R a iam:GetDelegationRequest\n\
R a iam:GetGroup\n\
R a iam:GetGroupPolicy\n\
R a iam:GetHumanReadableSummary\n\
R a iam:GetInstanceProfile\n\
L a iam:GetLoginProfile\n\
R a iam:GetMFADevice\n\
R a iam:GetOpenIDConnectProvider\n\
R a iam:GetOrganizationsAccessReport\n\
R a iam:GetOutboundWebIdentityFederationInfo\n\
R a iam:GetPolicy\n\
R a iam:GetPolicyVersion\n\
R a iam:GetRole\n\
R a iam:GetRolePolicy\n\
R a iam:GetRoleTemplateVersion\n\
R a iam:GetSAMLProvider\n\
R a iam:GetSSHPublicKey\n\
R a iam:GetServerCertificate\n\
R a iam:GetServiceLastAccessedDetails\n\
R a iam:GetServiceLastAccessedDetailsWithEntities\n\
R a iam:GetServiceLinkedRoleDeletionStatus\n\
R a iam:GetUser\n\
R a iam:GetUserPolicy\n\
L a iam:ListAccessKeys\n\
L a iam:ListAccountAliases\n\
L a iam:ListAttachedGroupPolicies\n\
L a iam:ListAttachedRolePolicies\n\
L a iam:ListAttachedUserPolicies\n\
L a iam:ListCloudFrontPublicKeys\n\
L a iam:ListDelegationRequests\n\
L a iam:ListEntitiesForPolicy\n\
L a iam:ListGroupPolicies\n\
L a iam:ListGroups\n\
L a iam:ListGroupsForUser\n\
L a iam:ListInstanceProfileTags\n\
L a iam:ListInstanceProfiles\n\
L a iam:ListInstanceProfilesForRole\n\
L a iam:ListMFADeviceTags\n\
L a iam:ListMFADevices\n\
L a iam:ListOpenIDConnectProviderTags\n\
L a iam:ListOpenIDConnectProviders\n\
L a iam:ListOrganizationsFeatures\n\
L a iam:ListPolicies\n\
L a iam:ListPoliciesGrantingServiceAccess\n\
L a iam:ListPolicyTags\n\
L a iam:ListPolicyVersions\n\
L a iam:ListRolePolicies\n\
L a iam:ListRoleTags\n\
L a iam:ListRoles\n\
L a iam:ListSAMLProviderTags\n\
L a iam:ListSAMLProviders\n\
L a iam:ListSSHPublicKeys\n\
L a iam:ListSTSRegionalEndpointsStatus\n\
L a iam:ListServerCertificateTags\n\
L a iam:ListServerCertificates\n\
L a iam:ListServiceSpecificCredentials\n\
L a iam:ListSigningCertificates\n\
L a iam:ListUserPolicies\n\
L a iam:ListUserTags\n\
L a iam:ListUsers\n\
L a iam:ListVirtualMFADevices\n\
R a iam:SimulateCustomPolicy\n\
R a iam:SimulatePrincipalPolicy\n\
",
    ),
    (
        "IAMUserChangePassword",
        "\
W r iam:ChangePassword\n\
R a iam:GetAccountPasswordPolicy\n\
",
    ),
    (
        "IAMFullAccess",
        "\
W a iam:AcceptDelegationRequest\n\
W a iam:AddClientIDToOpenIDConnectProvider\n\
W a iam:AddRoleToInstanceProfile\n\
W a iam:AddUserToGroup\n\
W a iam:AssociateDelegationRequest\n\
P a iam:AttachGroupPolicy\n\
P a iam:AttachRolePolicy\n\
P a iam:AttachUserPolicy\n\
W a iam:ChangePassword\n\
W a iam:CreateAccessKey\n\
W a iam:CreateAccountAlias\n\
W a iam:CreateDelegationRequest\n\
W a iam:CreateGroup\n\
W a iam:CreateInstanceProfile\n\
W a iam:CreateLoginProfile\n\
W a iam:CreateOpenIDConnectProvider\n\
P a iam:CreatePolicy\n\
P a iam:CreatePolicyVersion\n\
W a iam:CreateRole\n\
W a iam:CreateSAMLProvider\n\
W a iam:CreateServiceLinkedRole\n\
W a iam:CreateServiceSpecificCredential\n\
W a iam:CreateUser\n\
W a iam:CreateVirtualMFADevice\n\
W a iam:DeactivateMFADevice\n\
W a iam:DeleteAccessKey\n\
W a iam:DeleteAccountAlias\n\
P a iam:DeleteAccountPasswordPolicy\n\
W a iam:DeleteCloudFrontPublicKey\n\
W a iam:DeleteGroup\n\
P a iam:DeleteGroupPolicy\n\
W a iam:DeleteInstanceProfile\n\
W a iam:DeleteLoginProfile\n\
W a iam:DeleteOpenIDConnectProvider\n\
P a iam:DeletePolicy\n\
P a iam:DeletePolicyVersion\n\
W a iam:DeleteRole\n\
P a iam:DeleteRolePermissionsBoundary\n\
P a iam:DeleteRolePolicy\n\
W a iam:DeleteSAMLProvider\n\
W a iam:DeleteSSHPublicKey\n\
W a iam:DeleteServerCertificate\n\
W a iam:DeleteServiceLinkedRole\n\
W a iam:DeleteServiceSpecificCredential\n\
W a iam:DeleteSigningCertificate\n\
W a iam:DeleteUser\n\
P a iam:DeleteUserPermissionsBoundary\n\
P a iam:DeleteUserPolicy\n\
W a iam:DeleteVirtualMFADevice\n\
P a iam:DetachGroupPolicy\n\
P a iam:DetachRolePolicy\n\
P a iam:DetachUserPolicy\n\
W a iam:DisableOrganizationsRootCredentialsManagement\n\
W a iam:DisableOrganizationsRootSessions\n\
W a iam:DisableOutboundWebIdentityFederation\n\
W a iam:EnableMFADevice\n\
W a iam:EnableOrganizationsRootCredentialsManagement\n\
W a iam:EnableOrganizationsRootSessions\n\
W a iam:EnableOutboundWebIdentityFederation\n\
R a iam:GenerateCredentialReport\n\
R a iam:GenerateOrganizationsAccessReport\n\
R a iam:GenerateServiceLastAccessedDetails\n\
R a iam:GetAccessKeyLastUsed\n\
R a iam:GetAccountAuthorizationDetails\n\
R a iam:GetAccountEmailAddress\n\
R a iam:GetAccountName\n\
R a iam:GetAccountPasswordPolicy\n\
R a iam:GetAccountProperties\n\
L a iam:GetAccountSummary\n\
R a iam:GetCloudFrontPublicKey\n\
R a iam:GetContextKeysForCustomPolicy\n\
R a iam:GetContextKeysForPrincipalPolicy\n\
R a iam:GetCredentialReport\n\
R a iam:GetDelegationRequest\n\
R a iam:GetGroup\n\
R a iam:GetGroupPolicy\n\
R a iam:GetHumanReadableSummary\n\
R a iam:GetInstanceProfile\n\
L a iam:GetLoginProfile\n\
R a iam:GetMFADevice\n\
R a iam:GetOpenIDConnectProvider\n\
R a iam:GetOrganizationsAccessReport\n\
R a iam:GetOutboundWebIdentityFederationInfo\n\
R a iam:GetPolicy\n\
R a iam:GetPolicyVersion\n\
R a iam:GetRole\n\
R a iam:GetRolePolicy\n\
R a iam:GetRoleTemplateVersion\n\
R a iam:GetSAMLProvider\n\
R a iam:GetSSHPublicKey\n\
R a iam:GetServerCertificate\n\
R a iam:GetServiceLastAccessedDetails\n\
R a iam:GetServiceLastAccessedDetailsWithEntities\n\
R a iam:GetServiceLinkedRoleDeletionStatus\n\
R a iam:GetUser\n\
R a iam:GetUserPolicy\n\
L a iam:ListAccessKeys\n\
L a iam:ListAccountAliases\n\
L a iam:ListAttachedGroupPolicies\n\
L a iam:ListAttachedRolePolicies\n\
L a iam:ListAttachedUserPolicies\n\
L a iam:ListCloudFrontPublicKeys\n\
L a iam:ListDelegationRequests\n\
L a iam:ListEntitiesForPolicy\n\
L a iam:ListGroupPolicies\n\
L a iam:ListGroups\n\
L a iam:ListGroupsForUser\n\
L a iam:ListInstanceProfileTags\n\
L a iam:ListInstanceProfiles\n\
L a iam:ListInstanceProfilesForRole\n\
L a iam:ListMFADeviceTags\n\
L a iam:ListMFADevices\n\
L a iam:ListOpenIDConnectProviderTags\n\
L a iam:ListOpenIDConnectProviders\n\
L a iam:ListOrganizationsFeatures\n\
L a iam:ListPolicies\n\
L a iam:ListPoliciesGrantingServiceAccess\n\
L a iam:ListPolicyTags\n\
L a iam:ListPolicyVersions\n\
L a iam:ListRolePolicies\n\
L a iam:ListRoleTags\n\
L a iam:ListRoles\n\
L a iam:ListSAMLProviderTags\n\
L a iam:ListSAMLProviders\n\
L a iam:ListSSHPublicKeys\n\
L a iam:ListSTSRegionalEndpointsStatus\n\
L a iam:ListServerCertificateTags\n\
L a iam:ListServerCertificates\n\
L a iam:ListServiceSpecificCredentials\n\
L a iam:ListSigningCertificates\n\
L a iam:ListUserPolicies\n\
L a iam:ListUserTags\n\
L a iam:ListUsers\n\
L a iam:ListVirtualMFADevices\n\
W a iam:PassRole\n\
W a iam:PutAccountProperties\n\
P a iam:PutGroupPolicy\n\
P a iam:PutRolePermissionsBoundary\n\
P a iam:PutRolePolicy\n\
P a iam:PutUserPermissionsBoundary\n\
P a iam:PutUserPolicy\n\
W a iam:RejectDelegationRequest\n\
W a iam:RemoveClientIDFromOpenIDConnectProvider\n\
W a iam:RemoveRoleFromInstanceProfile\n\
W a iam:RemoveUserFromGroup\n\
W a iam:ResetServiceSpecificCredential\n\
W a iam:ResyncMFADevice\n\
W a iam:SendDelegationToken\n\
P a iam:SetDefaultPolicyVersion\n\
W a iam:SetSTSRegionalEndpointStatus\n\
W a iam:SetSecurityTokenServicePreferences\n\
R a iam:SimulateCustomPolicy\n\
R a iam:SimulatePrincipalPolicy\n\
T a iam:TagInstanceProfile\n\
T a iam:TagMFADevice\n\
T a iam:TagOpenIDConnectProvider\n\
T a iam:TagPolicy\n\
T a iam:TagRole\n\
T a iam:TagSAMLProvider\n\
T a iam:TagServerCertificate\n\
T a iam:TagUser\n\
T a iam:UntagInstanceProfile\n\
T a iam:UntagMFADevice\n\
T a iam:UntagOpenIDConnectProvider\n\
T a iam:UntagPolicy\n\
T a iam:UntagRole\n\
T a iam:UntagSAMLProvider\n\
T a iam:UntagServerCertificate\n\
T a iam:UntagUser\n\
W a iam:UpdateAccessKey\n\
W a iam:UpdateAccountEmailAddress\n\
W a iam:UpdateAccountName\n\
W a iam:UpdateAccountPasswordPolicy\n\
P a iam:UpdateAssumeRolePolicy\n\
W a iam:UpdateCloudFrontPublicKey\n\
W a iam:UpdateGroup\n\
W a iam:UpdateLoginProfile\n\
W a iam:UpdateOpenIDConnectProviderThumbprint\n\
W a iam:UpdateRole\n\
W a iam:UpdateRoleDescription\n\
W a iam:UpdateSAMLProvider\n\
W a iam:UpdateSSHPublicKey\n\
W a iam:UpdateServerCertificate\n\
W a iam:UpdateServiceSpecificCredential\n\
W a iam:UpdateSigningCertificate\n\
W a iam:UpdateUser\n\
W a iam:UploadCloudFrontPublicKey\n\
W a iam:UploadSSHPublicKey\n\
W a iam:UploadServerCertificate\n\
W a iam:UploadSigningCertificate\n\
R a organizations:DescribeAccount\n\
R a organizations:DescribeOrganization\n\
R a organizations:DescribeOrganizationalUnit\n\
R a organizations:DescribePolicy\n\
L a organizations:ListChildren\n\
L a organizations:ListParents\n\
L a organizations:ListPolicies\n\
L a organizations:ListPoliciesForTarget\n\
L a organizations:ListRoots\n\
L a organizations:ListTargetsForPolicy\n\
",
    ),
    (
        "AmazonEC2ReadOnlyAccess",
        "\
L a autoscaling:DescribeAccountLimits\n\
L a autoscaling:DescribeAccountSettings\n\
L a autoscaling:DescribeAdjustmentTypes\n\
L a autoscaling:DescribeAutoScalingGroups\n\
L a autoscaling:DescribeAutoScalingInstances\n\
L a autoscaling:DescribeAutoScalingNotificationTypes\n\
L a autoscaling:DescribeInstanceRefreshes\n\
L a autoscaling:DescribeLaunchConfigurations\n\
L a autoscaling:DescribeLifecycleHookTypes\n\
L a autoscaling:DescribeLifecycleHooks\n\
L a autoscaling:DescribeLoadBalancerTargetGroups\n\
L a autoscaling:DescribeLoadBalancers\n\
L a autoscaling:DescribeMetricCollectionTypes\n\
L a autoscaling:DescribeNotificationConfigurations\n\
L a autoscaling:DescribePolicies\n\
L a autoscaling:DescribeScalingActivities\n\
L a autoscaling:DescribeScalingProcessTypes\n\
L a autoscaling:DescribeScheduledActions\n\
R a autoscaling:DescribeTags\n\
L a autoscaling:DescribeTerminationPolicyTypes\n\
L a autoscaling:DescribeTrafficSources\n\
L a autoscaling:DescribeWarmPool\n\
R a cloudwatch:DescribeAlarmHistory\n\
R a cloudwatch:DescribeAlarms\n\
R a cloudwatch:DescribeAlarmsForMetric\n\
R a cloudwatch:DescribeAnomalyDetectors\n\
R a cloudwatch:DescribeInsightRules\n\
R a cloudwatch:GetMetricStatistics\n\
L a cloudwatch:ListMetrics\n\
L a ec2:DescribeAccountAttributes\n\
L a ec2:DescribeAccountVpcEncryptionControl\n\
L a ec2:DescribeAddressTransfers\n\
L a ec2:DescribeAddresses\n\
L a ec2:DescribeAddressesAttribute\n\
L a ec2:DescribeAggregateIdFormat\n\
L a ec2:DescribeApplicationStatus\n\
L a ec2:DescribeApplicationStatusCheckAssociations\n\
L a ec2:DescribeApplicationStatusChecks\n\
L a ec2:DescribeAvailabilityZones\n\
L a ec2:DescribeAwsNetworkPerformanceMetricSubscriptions\n\
L a ec2:DescribeBundleTasks\n\
L a ec2:DescribeByoipCidrs\n\
L a ec2:DescribeCapacityBlockExtensionHistory\n\
L a ec2:DescribeCapacityBlockExtensionOfferings\n\
L a ec2:DescribeCapacityBlockOfferings\n\
L a ec2:DescribeCapacityBlockStatus\n\
L a ec2:DescribeCapacityBlocks\n\
L a ec2:DescribeCapacityManagerDataExports\n\
L a ec2:DescribeCapacityReservationBillingRequests\n\
L a ec2:DescribeCapacityReservationCancellationQuotes\n\
L a ec2:DescribeCapacityReservationFleets\n\
L a ec2:DescribeCapacityReservationTopology\n\
L a ec2:DescribeCapacityReservations\n\
L a ec2:DescribeCarrierGateways\n\
L a ec2:DescribeClassicLinkInstances\n\
L a ec2:DescribeClientVpnAuthorizationRules\n\
L a ec2:DescribeClientVpnConnections\n\
L a ec2:DescribeClientVpnEndpoints\n\
L a ec2:DescribeClientVpnRoutes\n\
L a ec2:DescribeClientVpnTargetNetworks\n\
L a ec2:DescribeCoipPools\n\
L a ec2:DescribeConversionTasks\n\
L a ec2:DescribeCustomerGateways\n\
L a ec2:DescribeDeclarativePoliciesReports\n\
L a ec2:DescribeDhcpOptions\n\
L a ec2:DescribeEgressOnlyInternetGateways\n\
L a ec2:DescribeElasticGpus\n\
L a ec2:DescribeExportImageTasks\n\
L a ec2:DescribeExportTasks\n\
L a ec2:DescribeFastLaunchImages\n\
L a ec2:DescribeFastSnapshotRestores\n\
L a ec2:DescribeFleetHistory\n\
L a ec2:DescribeFleetInstances\n\
L a ec2:DescribeFleets\n\
L a ec2:DescribeFlowLogs\n\
L a ec2:DescribeFpgaImageAttribute\n\
L a ec2:DescribeFpgaImages\n\
L a ec2:DescribeHostReservationOfferings\n\
L a ec2:DescribeHostReservations\n\
L a ec2:DescribeHosts\n\
L a ec2:DescribeIamInstanceProfileAssociations\n\
L a ec2:DescribeIdFormat\n\
L a ec2:DescribeIdentityIdFormat\n\
L a ec2:DescribeImageAttribute\n\
L a ec2:DescribeImageReferences\n\
L a ec2:DescribeImageUsageReportEntries\n\
L a ec2:DescribeImageUsageReports\n\
L a ec2:DescribeImages\n\
L a ec2:DescribeImportImageTasks\n\
L a ec2:DescribeImportSnapshotTasks\n\
L a ec2:DescribeInstanceAttribute\n\
L a ec2:DescribeInstanceConnectEndpoints\n\
L a ec2:DescribeInstanceCreditSpecifications\n\
L a ec2:DescribeInstanceEventNotificationAttributes\n\
L a ec2:DescribeInstanceEventWindows\n\
L a ec2:DescribeInstanceImageMetadata\n\
L a ec2:DescribeInstanceSqlHaHistoryStates\n\
L a ec2:DescribeInstanceSqlHaStates\n\
L a ec2:DescribeInstanceStatus\n\
L a ec2:DescribeInstanceTopology\n\
L a ec2:DescribeInstanceTypeOfferings\n\
L a ec2:DescribeInstanceTypes\n\
L a ec2:DescribeInstances\n\
L a ec2:DescribeInternetGateways\n\
L a ec2:DescribeIpamByoasn\n\
L a ec2:DescribeIpamExternalResourceVerificationTokens\n\
L a ec2:DescribeIpamInternetRegistryAssociations\n\
L a ec2:DescribeIpamPolicies\n\
L a ec2:DescribeIpamPoolAllocations\n\
L a ec2:DescribeIpamPools\n\
L a ec2:DescribeIpamPrefixListResolverTargets\n\
L a ec2:DescribeIpamPrefixListResolvers\n\
L a ec2:DescribeIpamResourceDiscoveries\n\
L a ec2:DescribeIpamResourceDiscoveryAssociations\n\
L a ec2:DescribeIpamScopes\n\
L a ec2:DescribeIpams\n\
L a ec2:DescribeIpv6Pools\n\
L a ec2:DescribeKeyPairs\n\
L a ec2:DescribeLaunchTemplateVersions\n\
L a ec2:DescribeLaunchTemplates\n\
L a ec2:DescribeLocalGatewayRouteTablePermissions\n\
L a ec2:DescribeLocalGatewayRouteTableVirtualInterfaceGroupAssociations\n\
L a ec2:DescribeLocalGatewayRouteTableVpcAssociations\n\
L a ec2:DescribeLocalGatewayRouteTables\n\
L a ec2:DescribeLocalGatewayVirtualInterfaceGroups\n\
L a ec2:DescribeLocalGatewayVirtualInterfaces\n\
L a ec2:DescribeLocalGateways\n\
L a ec2:DescribeLockedSnapshots\n\
L a ec2:DescribeMacHosts\n\
L a ec2:DescribeMacModificationTasks\n\
L a ec2:DescribeManagedPrefixLists\n\
L a ec2:DescribeMovingAddresses\n\
L a ec2:DescribeNatGateways\n\
L a ec2:DescribeNetworkAcls\n\
L a ec2:DescribeNetworkInsightsAccessScopeAnalyses\n\
L a ec2:DescribeNetworkInsightsAccessScopes\n\
L a ec2:DescribeNetworkInsightsAnalyses\n\
L a ec2:DescribeNetworkInsightsPaths\n\
L a ec2:DescribeNetworkInterfaceAttribute\n\
L a ec2:DescribeNetworkInterfacePermissions\n\
L a ec2:DescribeNetworkInterfaces\n\
L a ec2:DescribeOutpostLags\n\
L a ec2:DescribePlacementGroups\n\
L a ec2:DescribePrefixLists\n\
L a ec2:DescribePrincipalIdFormat\n\
L a ec2:DescribePublicIpv4Pools\n\
L a ec2:DescribeRegions\n\
L a ec2:DescribeReplaceRootVolumeTasks\n\
L a ec2:DescribeReservedInstances\n\
L a ec2:DescribeReservedInstancesListings\n\
L a ec2:DescribeReservedInstancesModifications\n\
L a ec2:DescribeReservedInstancesOfferings\n\
L a ec2:DescribeRouteServerEndpoints\n\
L a ec2:DescribeRouteServerPeers\n\
L a ec2:DescribeRouteServers\n\
L a ec2:DescribeRouteTables\n\
L a ec2:DescribeScheduledInstanceAvailability\n\
L a ec2:DescribeScheduledInstances\n\
L a ec2:DescribeSecondaryInterfaces\n\
L a ec2:DescribeSecondaryNetworks\n\
L a ec2:DescribeSecondarySubnets\n\
L a ec2:DescribeSecurityGroupReferences\n\
L a ec2:DescribeSecurityGroupRules\n\
L a ec2:DescribeSecurityGroupVpcAssociations\n\
L a ec2:DescribeSecurityGroups\n\
L a ec2:DescribeServiceLinkVirtualInterfaces\n\
L a ec2:DescribeSnapshotAttribute\n\
L a ec2:DescribeSnapshotTierStatus\n\
L a ec2:DescribeSnapshots\n\
L a ec2:DescribeSpotDatafeedSubscription\n\
L a ec2:DescribeSpotFleetInstances\n\
L a ec2:DescribeSpotFleetRequestHistory\n\
L a ec2:DescribeSpotFleetRequests\n\
L a ec2:DescribeSpotInstanceRequests\n\
L a ec2:DescribeSpotPriceHistory\n\
L a ec2:DescribeStaleSecurityGroups\n\
L a ec2:DescribeStoreImageTasks\n\
L a ec2:DescribeSubnets\n\
L a ec2:DescribeTags\n\
L a ec2:DescribeTrafficMirrorFilterRules\n\
L a ec2:DescribeTrafficMirrorFilters\n\
L a ec2:DescribeTrafficMirrorSessions\n\
L a ec2:DescribeTrafficMirrorTargets\n\
L a ec2:DescribeTransitGatewayAttachments\n\
L a ec2:DescribeTransitGatewayConnectPeers\n\
L a ec2:DescribeTransitGatewayConnects\n\
L a ec2:DescribeTransitGatewayMeteringPolicies\n\
L a ec2:DescribeTransitGatewayMulticastDomains\n\
L a ec2:DescribeTransitGatewayPeeringAttachments\n\
L a ec2:DescribeTransitGatewayPolicyTables\n\
L a ec2:DescribeTransitGatewayRouteTableAnnouncements\n\
L a ec2:DescribeTransitGatewayRouteTables\n\
L a ec2:DescribeTransitGatewayVpcAttachments\n\
L a ec2:DescribeTransitGateways\n\
L a ec2:DescribeTrunkInterfaceAssociations\n\
L a ec2:DescribeVerifiedAccessEndpoints\n\
L a ec2:DescribeVerifiedAccessGroups\n\
L a ec2:DescribeVerifiedAccessInstanceLoggingConfigurations\n\
L a ec2:DescribeVerifiedAccessInstanceWebAclAssociations\n\
L a ec2:DescribeVerifiedAccessInstances\n\
L a ec2:DescribeVerifiedAccessTrustProviders\n\
L a ec2:DescribeVolumeAttribute\n\
L a ec2:DescribeVolumeStatus\n\
L a ec2:DescribeVolumes\n\
L a ec2:DescribeVolumesModifications\n\
L a ec2:DescribeVpcAttribute\n\
L a ec2:DescribeVpcBlockPublicAccessExclusions\n\
L a ec2:DescribeVpcBlockPublicAccessOptions\n\
L a ec2:DescribeVpcClassicLink\n\
L a ec2:DescribeVpcClassicLinkDnsSupport\n\
L a ec2:DescribeVpcEncryptionControls\n\
L a ec2:DescribeVpcEndpointAssociations\n\
L a ec2:DescribeVpcEndpointConnectionNotifications\n\
L a ec2:DescribeVpcEndpointConnections\n\
L a ec2:DescribeVpcEndpointServiceConfigurations\n\
L a ec2:DescribeVpcEndpointServicePermissions\n\
L a ec2:DescribeVpcEndpointServices\n\
L a ec2:DescribeVpcEndpoints\n\
L a ec2:DescribeVpcPeeringConnections\n\
L a ec2:DescribeVpcs\n\
L a ec2:DescribeVpnConcentrators\n\
L a ec2:DescribeVpnConnections\n\
L a ec2:DescribeVpnGateways\n\
R a ec2:GetSecurityGroupsForVpc\n\
R a elasticloadbalancing:DescribeAccountLimits\n\
R a elasticloadbalancing:DescribeCapacityReservation\n\
R a elasticloadbalancing:DescribeInstanceHealth\n\
R a elasticloadbalancing:DescribeListenerAttributes\n\
R a elasticloadbalancing:DescribeListenerCertificates\n\
R a elasticloadbalancing:DescribeListeners\n\
R a elasticloadbalancing:DescribeLoadBalancerAttributes\n\
R a elasticloadbalancing:DescribeLoadBalancerPolicies\n\
R a elasticloadbalancing:DescribeLoadBalancerPolicyTypes\n\
L a elasticloadbalancing:DescribeLoadBalancers\n\
R a elasticloadbalancing:DescribeRules\n\
R a elasticloadbalancing:DescribeSSLPolicies\n\
R a elasticloadbalancing:DescribeTags\n\
R a elasticloadbalancing:DescribeTargetGroupAttributes\n\
R a elasticloadbalancing:DescribeTargetGroups\n\
R a elasticloadbalancing:DescribeTargetHealth\n\
R a elasticloadbalancing:DescribeTrustStoreAssociations\n\
R a elasticloadbalancing:DescribeTrustStoreRevocations\n\
R a elasticloadbalancing:DescribeTrustStores\n\
L a elasticloadbalancing:DescribeWebACLAssociation\n\
",
    ),
];
